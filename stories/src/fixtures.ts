/* What the generator writes and the stories read: shared types and the few fixed texts. */
import type { CompiledForm, FieldLogic, RegistrationData } from '@regforms/runtime';

export const LANGUAGES = ['fr', 'nl', 'en', 'de'];

/** One version's data: the compiled form and the registration data of its states. */
export interface FormFixture {
  form: CompiledForm;
  data: {
    /** The first half of the fields of valid data (Open, and the failed Send). */
    partial: RegistrationData;
    /** Valid data, sent. */
    full: RegistrationData;
    /** Valid data showing the most conditional fields, with several items per repeat. */
    example: RegistrationData;
  };
}

export type FormState = 'empty' | 'partial' | 'failedSend' | 'sent' | 'example';

/** Story names in the reviewer's language. */
export const STATE_NAMES: Record<string, Record<FormState, string>> = {
  en: {
    empty: 'Empty',
    partial: 'Partially filled (Open)',
    failedSend: 'After a failed Send',
    sent: 'Sent (read-only)',
    example: 'Example data (skip logic, repeats)',
  },
  fr: {
    empty: 'Vide',
    partial: 'Partiellement rempli (ouvert)',
    failedSend: 'Après un envoi refusé',
    sent: 'Envoyé (lecture seule)',
    example: 'Données d’exemple (logique conditionnelle, répétitions)',
  },
  nl: {
    empty: 'Leeg',
    partial: 'Gedeeltelijk ingevuld (open)',
    failedSend: 'Na een geweigerde verzending',
    sent: 'Verzonden (alleen-lezen)',
    example: 'Voorbeeldgegevens (sprongen, herhalingen)',
  },
  de: {
    empty: 'Leer',
    partial: 'Teilweise ausgefüllt (offen)',
    failedSend: 'Nach einem abgelehnten Senden',
    sent: 'Gesendet (schreibgeschützt)',
    example: 'Beispieldaten (Sprunglogik, Wiederholungen)',
  },
};

/** Real fields cut out of a compiled form, with what renders them alone. */
export interface FieldFixture {
  /** registry/type@version it comes from. */
  source: string;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  i18n: Record<string, Record<string, string>>;
  logic: FieldLogic[];
  /**
   * The whole form's schema and field logic: requiredness (an if/then on other fields), checks
   * across fields and computations are the form's, so its validator and runtime judge the cut.
   */
  validation: { schema: Record<string, unknown>; fields: FieldLogic[] };
  /** Code lists: a word that finds some codes, not all. */
  searchFor?: string;
  /** Repeats: valid items, as many as the repeat allows. */
  items?: RegistrationData[];
}

export interface RendererFixtures {
  niss: FieldFixture;
  codeList: FieldFixture;
  repeat: FieldFixture;
  computed: FieldFixture;
  dates: FieldFixture;
}
