export { compileValidators, conditionTexts, createAjv, createConditionAjv } from './ajv.ts';
export { applyComputed, computeAndPrune, isRequiredNow, isVisible, prune } from './apply.ts';
export type {
  Catalog,
  CatalogRegistry,
  CatalogType,
  CatalogVersion,
  Text,
  VersionStatus,
} from './catalog.ts';
export {
  canonicalJson,
  compareVersions,
  comparisonBase,
  didYouMean,
  LOCK_FILE,
  mostRecent,
} from './catalog.ts';
export { codePoint, escapeHidden, hiddenCharacterName, hiddenCharacters } from './characters.ts';
export type { ConditionFn, FormValidators, SchemaValidateFn, ValidatorsModule } from './compiled.ts';
export {
  conditionOf,
  installValidators,
  provideValidators,
  ValidatorsMismatchError,
  validatorsOf,
} from './compiled.ts';
export type {
  CompiledForm,
  CsvColumn,
  CsvMap,
  FieldLogic,
  FieldType,
  FormMeta,
  JsonSchema,
  Lang,
  RegistrationData,
} from './form.ts';
export { AUTOCOMPLETE_THRESHOLD, COMPARISON_KEYWORDS } from './form.ts';
export type {
  MessageCatalog,
  MessageLanguage,
  MessageParams,
  MessageTranslations,
} from './messages.ts';
export {
  catalogProblems,
  MESSAGE_LANGUAGES,
  messageArguments,
  messageFormatter,
  messageLanguage,
} from './messages.ts';
export { formatNiss, isValidNiss, normaliseNiss } from './niss.ts';
export { propertiesTested } from './reads.ts';
export type { SampleOptions } from './sample.ts';
export { random, sampleData, sampleNiss } from './sample.ts';
export { SEND_ONLY_KEYWORDS, typesSchema } from './types-schema.ts';
export type { FormError, Validator } from './validate.ts';
export { createValidator, translateError } from './validate.ts';
