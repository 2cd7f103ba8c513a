/*
 * Every text @regforms/csv writes itself (file issues, row issues, cell warnings and hints,
 * the words of the text report and of the data dictionary), one whole sentence per entry and
 * language, so a translator sees the sentence as the reader will and can order its words
 * freely. Validation messages are not here: they are the form's own, translated with the form.
 *
 * ICU MessageFormat, formatted by the one message system of @regforms/runtime: `{name}` is a
 * parameter; `{n, plural, one {…} other {…}}` picks the words a count needs, by each language's
 * rules (French counts 0 as singular, the others only 1). Technical tokens (column names, codes,
 * dd/mm/yyyy, true/false, draft, |, CSV UTF-8, windows-1252) are the same in every language:
 * they are what the file holds or the user types.
 */
import { type MessageCatalog, messageFormatter } from '@regforms/runtime';

export type { MessageLanguage, MessageParams } from '@regforms/runtime';
export { MESSAGE_LANGUAGES, messageLanguage } from '@regforms/runtime';

export const MESSAGES = {
  // Decoding and separator (parse.ts).
  ENCODING_NOT_UTF8: {
    fr: "Le fichier n'est pas en UTF-8 : il a été lu en windows-1252 (latin-1), l'encodage qu'Excel utilise sous Windows",
    nl: 'Het bestand is geen UTF-8: het werd gelezen als windows-1252 (latin-1), de codering die Excel op Windows gebruikt',
    en: 'The file is not UTF-8: it was read as windows-1252 (latin-1), the encoding Excel uses on Windows',
    de: 'Die Datei ist nicht in UTF-8: Sie wurde als windows-1252 (latin-1) gelesen, die Codierung, die Excel unter Windows verwendet',
  },
  'ENCODING_NOT_UTF8.line': {
    fr: "Le fichier n'est pas en UTF-8 (premier octet non UTF-8 à la ligne {line}) : il a été lu en windows-1252 (latin-1), l'encodage qu'Excel utilise sous Windows",
    nl: 'Het bestand is geen UTF-8 (eerste niet-UTF-8-byte op regel {line}): het werd gelezen als windows-1252 (latin-1), de codering die Excel op Windows gebruikt',
    en: 'The file is not UTF-8 (first non-UTF-8 byte on line {line}): it was read as windows-1252 (latin-1), the encoding Excel uses on Windows',
    de: 'Die Datei ist nicht in UTF-8 (erstes Nicht-UTF-8-Byte in Zeile {line}): Sie wurde als windows-1252 (latin-1) gelesen, die Codierung, die Excel unter Windows verwendet',
  },
  'ENCODING_NOT_UTF8.hint': {
    fr: 'Vérifiez les lettres accentuées dans le rapport ; pour en être sûr, enregistrez le fichier au format « CSV UTF-8 »',
    nl: 'Controleer de letters met accenten in het rapport; sla het bestand voor de zekerheid op als "CSV UTF-8"',
    en: 'Check accented letters in the report; save the file as "CSV UTF-8" to be sure',
    de: 'Prüfen Sie Buchstaben mit Akzenten im Bericht; speichern Sie die Datei sicherheitshalber als „CSV UTF-8“',
  },
  BOM: {
    fr: "Le fichier commence par une marque d'ordre d'octets (BOM, comme l'écrit Excel en « CSV UTF-8 ») : ignorée",
    nl: 'Het bestand begint met een byte order mark (BOM, zoals Excel die in "CSV UTF-8" schrijft): genegeerd',
    en: 'The file starts with a byte order mark (as Excel writes "CSV UTF-8"): ignored',
    de: 'Die Datei beginnt mit einer Bytereihenfolgemarkierung (BOM, wie Excel sie in „CSV UTF-8“ schreibt): ignoriert',
  },
  SEPARATOR_COMMA: {
    fr: "Le séparateur est une virgule (,), pas ';' : le fichier a été lu avec une virgule (,)",
    nl: "Het scheidingsteken is een komma (,), geen ';': het bestand werd gelezen met een komma (,)",
    en: "The separator is a comma (,), not ';': the file was read with a comma (,)",
    de: "Das Trennzeichen ist ein Komma (,), nicht ';': Die Datei wurde mit einem Komma (,) gelesen",
  },
  'SEPARATOR_COMMA.hint': {
    fr: 'Excel écrit des virgules quand le séparateur de liste du système est « , » ; enregistrez au format « CSV (séparateur : point-virgule) » ou choisissez ; comme séparateur',
    nl: 'Excel schrijft komma\'s als het lijstscheidingsteken van het systeem "," is; sla op als "CSV (gescheiden door puntkomma\'s)" of stel ; in als scheidingsteken',
    en: 'Excel writes commas when the system list separator is ","; save as "CSV (separator: semicolon)" or set the separator to ;',
    de: 'Excel schreibt Kommas, wenn das Listentrennzeichen des Systems „,“ ist; speichern Sie als „CSV (Trennzeichen: Semikolon)“ oder stellen Sie ; als Trennzeichen ein',
  },
  SEPARATOR_TAB: {
    fr: "Le séparateur est une tabulation, pas ';' : le fichier a été lu avec une tabulation",
    nl: "Het scheidingsteken is een tab, geen ';': het bestand werd gelezen met een tab",
    en: "The separator is a tab, not ';': the file was read with a tab",
    de: "Das Trennzeichen ist ein Tabulator, nicht ';': Die Datei wurde mit einem Tabulator gelesen",
  },
  'SEPARATOR_TAB.hint': {
    fr: "Utilisez ';' comme séparateur",
    nl: "Gebruik ';' als scheidingsteken",
    en: "Use ';' as separator",
    de: "Verwenden Sie ';' als Trennzeichen",
  },

  // The header line (header.ts). A column that is not read is said with the number of rows
  // that had a value there, once the whole file is read: one sentence per case.
  DUPLICATE_COLUMN: {
    fr: "La colonne {column} apparaît plus d'une fois (positions {first} et {second}) : la première est lue ; une ligne où les copies diffèrent est rejetée",
    nl: 'Kolom {column} komt meer dan eens voor (posities {first} en {second}): de eerste wordt gelezen; een rij waarin de kopieën verschillen, wordt geweigerd',
    en: 'Column {column} appears more than once (positions {first} and {second}): the first is read; a row where the copies differ is rejected',
    de: 'Spalte {column} kommt mehrfach vor (Positionen {first} und {second}): Die erste wird gelesen; eine Zeile, in der sich die Kopien unterscheiden, wird abgelehnt',
  },
  'DUPLICATE_COLUMN.hint': {
    fr: 'Gardez une seule colonne par nom technique',
    nl: 'Behoud één kolom per technische naam',
    en: 'Keep one column per technical name',
    de: 'Behalten Sie eine Spalte pro technischem Namen',
  },
  EMPTY_COLUMN_NAME: {
    fr: "La cellule {position} de l'en-tête est vide : cette colonne n'est pas lue",
    nl: 'Cel {position} van de kopregel is leeg: die kolom wordt niet gelezen',
    en: 'Header cell {position} is empty: that column is not read',
    de: 'Zelle {position} der Kopfzeile ist leer: Diese Spalte wird nicht gelesen',
  },
  'EMPTY_COLUMN_NAME.values': {
    fr: "La cellule {position} de l'en-tête est vide : cette colonne n'est pas lue ({values} {values, plural, one {ligne y a une valeur} other {lignes y ont une valeur}})",
    nl: 'Cel {position} van de kopregel is leeg: die kolom wordt niet gelezen ({values} {values, plural, one {rij heeft} other {rijen hebben}} daar een waarde)',
    en: 'Header cell {position} is empty: that column is not read ({values} {values, plural, one {row has} other {rows have}} a value there)',
    de: 'Zelle {position} der Kopfzeile ist leer: Diese Spalte wird nicht gelesen ({values} {values, plural, one {Zeile hat} other {Zeilen haben}} dort einen Wert)',
  },
  'EMPTY_COLUMN_NAME.none': {
    fr: "La cellule {position} de l'en-tête est vide : cette colonne n'est pas lue (aucune ligne n'y a de valeur)",
    nl: 'Cel {position} van de kopregel is leeg: die kolom wordt niet gelezen (geen enkele rij heeft daar een waarde)',
    en: 'Header cell {position} is empty: that column is not read (no row has a value there)',
    de: 'Zelle {position} der Kopfzeile ist leer: Diese Spalte wird nicht gelesen (keine Zeile hat dort einen Wert)',
  },
  'EMPTY_COLUMN_NAME.hint': {
    fr: "Supprimez la colonne, ou les séparateurs en trop à la fin de l'en-tête",
    nl: 'Verwijder de kolom, of de overtollige scheidingstekens op het einde van de kopregel',
    en: 'Remove the column, or trailing separators at the end of the header',
    de: 'Entfernen Sie die Spalte oder überzählige Trennzeichen am Ende der Kopfzeile',
  },
  UNKNOWN_COLUMN: {
    fr: "La colonne {column} n'est pas dans {form} : ses valeurs ne sont pas lues",
    nl: 'Kolom {column} zit niet in {form}: de waarden ervan worden niet gelezen',
    en: 'Column {column} is not in {form}: its values are not read',
    de: 'Spalte {column} ist nicht Teil von {form}: Ihre Werte werden nicht gelesen',
  },
  'UNKNOWN_COLUMN.values': {
    fr: "La colonne {column} n'est pas dans {form} : ses valeurs ne sont pas lues ({values} {values, plural, one {ligne y a une valeur} other {lignes y ont une valeur}})",
    nl: 'Kolom {column} zit niet in {form}: de waarden ervan worden niet gelezen ({values} {values, plural, one {rij heeft} other {rijen hebben}} daar een waarde)',
    en: 'Column {column} is not in {form}: its values are not read ({values} {values, plural, one {row has} other {rows have}} a value there)',
    de: 'Spalte {column} ist nicht Teil von {form}: Ihre Werte werden nicht gelesen ({values} {values, plural, one {Zeile hat} other {Zeilen haben}} dort einen Wert)',
  },
  'UNKNOWN_COLUMN.none': {
    fr: "La colonne {column} n'est pas dans {form} : ses valeurs ne sont pas lues (aucune ligne n'y a de valeur)",
    nl: 'Kolom {column} zit niet in {form}: de waarden ervan worden niet gelezen (geen enkele rij heeft daar een waarde)',
    en: 'Column {column} is not in {form}: its values are not read (no row has a value there)',
    de: 'Spalte {column} ist nicht Teil von {form}: Ihre Werte werden nicht gelesen (keine Zeile hat dort einen Wert)',
  },
  'UNKNOWN_COLUMN.guess': {
    fr: "La colonne {column} n'est pas dans {form} : ses valeurs ne sont pas lues. Vouliez-vous dire {guess} ?",
    nl: 'Kolom {column} zit niet in {form}: de waarden ervan worden niet gelezen. Bedoelde u {guess}?',
    en: 'Column {column} is not in {form}: its values are not read. Did you mean {guess}?',
    de: 'Spalte {column} ist nicht Teil von {form}: Ihre Werte werden nicht gelesen. Meinten Sie {guess}?',
  },
  'UNKNOWN_COLUMN.guess.values': {
    fr: "La colonne {column} n'est pas dans {form} : ses valeurs ne sont pas lues. Vouliez-vous dire {guess} ? ({values} {values, plural, one {ligne y a une valeur} other {lignes y ont une valeur}})",
    nl: 'Kolom {column} zit niet in {form}: de waarden ervan worden niet gelezen. Bedoelde u {guess}? ({values} {values, plural, one {rij heeft} other {rijen hebben}} daar een waarde)',
    en: 'Column {column} is not in {form}: its values are not read. Did you mean {guess}? ({values} {values, plural, one {row has} other {rows have}} a value there)',
    de: 'Spalte {column} ist nicht Teil von {form}: Ihre Werte werden nicht gelesen. Meinten Sie {guess}? ({values} {values, plural, one {Zeile hat} other {Zeilen haben}} dort einen Wert)',
  },
  'UNKNOWN_COLUMN.guess.none': {
    fr: "La colonne {column} n'est pas dans {form} : ses valeurs ne sont pas lues. Vouliez-vous dire {guess} ? (aucune ligne n'y a de valeur)",
    nl: 'Kolom {column} zit niet in {form}: de waarden ervan worden niet gelezen. Bedoelde u {guess}? (geen enkele rij heeft daar een waarde)',
    en: 'Column {column} is not in {form}: its values are not read. Did you mean {guess}? (no row has a value there)',
    de: 'Spalte {column} ist nicht Teil von {form}: Ihre Werte werden nicht gelesen. Meinten Sie {guess}? (keine Zeile hat dort einen Wert)',
  },
  'UNKNOWN_COLUMN.hint': {
    fr: 'Utilisez les noms techniques du modèle',
    nl: 'Gebruik de technische namen van het sjabloon',
    en: 'Use the technical names of the template',
    de: 'Verwenden Sie die technischen Namen der Vorlage',
  },
  'UNKNOWN_COLUMN.guess.hint': {
    fr: 'Renommez la colonne en {guess}',
    nl: 'Hernoem de kolom naar {guess}',
    en: 'Rename the column to {guess}',
    de: 'Benennen Sie die Spalte in {guess} um',
  },
  UNKNOWN_COLUMNS: {
    fr: "{count, plural, one {# autre colonne n'est pas} other {# autres colonnes ne sont pas}} dans {form} : leurs valeurs ne sont pas lues : {columns}",
    nl: '{count, plural, one {# andere kolom zit} other {# andere kolommen zitten}} niet in {form}: de waarden ervan worden niet gelezen: {columns}',
    en: '{count, plural, one {# more column is} other {# more columns are}} not in {form}: their values are not read: {columns}',
    de: '{count, plural, one {# weitere Spalte ist} other {# weitere Spalten sind}} nicht Teil von {form}: Ihre Werte werden nicht gelesen: {columns}',
  },
  'UNKNOWN_COLUMNS.values': {
    fr: "{count, plural, one {# autre colonne n'est pas} other {# autres colonnes ne sont pas}} dans {form} : leurs valeurs ne sont pas lues ({values, plural, one {# cellule y a une valeur} other {# cellules y ont une valeur}}) : {columns}",
    nl: '{count, plural, one {# andere kolom zit} other {# andere kolommen zitten}} niet in {form}: de waarden ervan worden niet gelezen ({values, plural, one {# cel heeft} other {# cellen hebben}} daar een waarde): {columns}',
    en: '{count, plural, one {# more column is} other {# more columns are}} not in {form}: their values are not read ({values, plural, one {# cell has} other {# cells have}} a value there): {columns}',
    de: '{count, plural, one {# weitere Spalte ist} other {# weitere Spalten sind}} nicht Teil von {form}: Ihre Werte werden nicht gelesen ({values, plural, one {# Zelle hat} other {# Zellen haben}} dort einen Wert): {columns}',
  },
  'UNKNOWN_COLUMNS.none': {
    fr: "{count, plural, one {# autre colonne n'est pas} other {# autres colonnes ne sont pas}} dans {form} : leurs valeurs ne sont pas lues (aucune cellule n'y a de valeur) : {columns}",
    nl: '{count, plural, one {# andere kolom zit} other {# andere kolommen zitten}} niet in {form}: de waarden ervan worden niet gelezen (geen enkele cel heeft daar een waarde): {columns}',
    en: '{count, plural, one {# more column is} other {# more columns are}} not in {form}: their values are not read (no cell has a value there): {columns}',
    de: '{count, plural, one {# weitere Spalte ist} other {# weitere Spalten sind}} nicht Teil von {form}: Ihre Werte werden nicht gelesen (keine Zelle hat dort einen Wert): {columns}',
  },
  TOO_MANY_COLUMNS: {
    fr: "L'en-tête a {columns, number} colonnes ; le maximum lu est {max, number} : le fichier n'est pas lu",
    nl: 'De kopregel heeft {columns, number} kolommen; het maximum dat gelezen wordt is {max, number}: het bestand wordt niet gelezen',
    en: 'The header has {columns, number} columns; at most {max, number} are read: the file is not read',
    de: 'Die Kopfzeile hat {columns, number} Spalten; höchstens {max, number} werden gelesen: Die Datei wird nicht gelesen',
  },
  'TOO_MANY_COLUMNS.hint': {
    fr: 'Partez du modèle (regforms csv template) : il a une colonne par champ',
    nl: 'Vertrek van het sjabloon (regforms csv template): het heeft één kolom per veld',
    en: 'Start from the template (regforms csv template): it has one column per field',
    de: 'Gehen Sie von der Vorlage aus (regforms csv template): Sie hat eine Spalte pro Feld',
  },
  MISSING_REQUIRED_COLUMN: {
    fr: "La colonne obligatoire {column} manque : toute ligne qui n'est pas un brouillon est rejetée",
    nl: 'Verplichte kolom {column} ontbreekt: elke rij die geen ontwerp is, wordt geweigerd',
    en: 'Required column {column} is missing: every row that is not a draft is rejected',
    de: 'Die Pflichtspalte {column} fehlt: Jede Zeile, die kein Entwurf ist, wird abgelehnt',
  },
  'MISSING_REQUIRED_COLUMN.hint': {
    fr: 'Ajoutez la colonne {column} (voir le modèle)',
    nl: 'Voeg de kolom {column} toe (zie het sjabloon)',
    en: 'Add the column {column} (see the template)',
    de: 'Fügen Sie die Spalte {column} hinzu (siehe Vorlage)',
  },
  MISSING_REQUIRED_COLUMNS: {
    fr: "{count, plural, one {# autre colonne obligatoire manque} other {# autres colonnes obligatoires manquent}} : {columns} ; toute ligne qui n'est pas un brouillon est rejetée",
    nl: '{count, plural, one {# andere verplichte kolom ontbreekt} other {# andere verplichte kolommen ontbreken}}: {columns}; elke rij die geen ontwerp is, wordt geweigerd',
    en: '{count, plural, one {# more required column is} other {# more required columns are}} missing: {columns}; every row that is not a draft is rejected',
    de: '{count, plural, one {# weitere Pflichtspalte fehlt} other {# weitere Pflichtspalten fehlen}}: {columns}; jede Zeile, die kein Entwurf ist, wird abgelehnt',
  },
  'MISSING_REQUIRED_COLUMNS.hint': {
    fr: 'Ajoutez les colonnes (voir le modèle)',
    nl: 'Voeg de kolommen toe (zie het sjabloon)',
    en: 'Add the columns (see the template)',
    de: 'Fügen Sie die Spalten hinzu (siehe Vorlage)',
  },
  /** A row's one error for the required columns the file lacks (each said once for the file). */
  REJECTED_MISSING_COLUMNS: {
    fr: "Rejetée : {count, plural, one {# colonne obligatoire manque} other {# colonnes obligatoires manquent}} dans le fichier (voir l'en-tête) : {columns}",
    nl: 'Geweigerd: {count, plural, one {# verplichte kolom ontbreekt} other {# verplichte kolommen ontbreken}} in het bestand (zie de kopregel): {columns}',
    en: 'Rejected: {count, plural, one {# required column is} other {# required columns are}} missing from the file (see the header): {columns}',
    de: 'Abgelehnt: {count, plural, one {# Pflichtspalte fehlt} other {# Pflichtspalten fehlen}} in der Datei (siehe Kopfzeile): {columns}',
  },
  MISSING_COLUMNS: {
    fr: "{count} {count, plural, one {colonne facultative ou conditionnelle n'est pas dans le fichier (lue comme vide)} other {colonnes facultatives ou conditionnelles ne sont pas dans le fichier (lues comme vides)}} : {columns}",
    nl: '{count} {count, plural, one {optionele of voorwaardelijke kolom staat} other {optionele of voorwaardelijke kolommen staan}} niet in het bestand (gelezen als leeg): {columns}',
    en: '{count} optional or conditional {count, plural, one {column is} other {columns are}} not in the file (read as empty): {columns}',
    de: '{count} {count, plural, one {optionale oder bedingte Spalte ist} other {optionale oder bedingte Spalten sind}} nicht in der Datei (als leer gelesen): {columns}',
  },

  // The file and its rows (import.ts).
  LINE_ENDINGS_CRLF: {
    fr: 'Fins de ligne Windows (CR LF) : lues comme des sauts de ligne',
    nl: 'Windows-regeleinden (CR LF): gelezen als regeleinden',
    en: 'Windows line endings (CR LF): read as line breaks',
    de: 'Windows-Zeilenenden (CR LF): als Zeilenumbrüche gelesen',
  },
  EMPTY_FILE: {
    fr: "Le fichier est vide : la première ligne doit être l'en-tête des noms techniques",
    nl: 'Het bestand is leeg: de eerste regel moet de kopregel met de technische namen zijn',
    en: 'The file is empty: the first line must be the header of technical names',
    de: 'Die Datei ist leer: Die erste Zeile muss die Kopfzeile mit den technischen Namen sein',
  },
  'EMPTY_FILE.hint': {
    fr: 'Partez du modèle (regforms csv template)',
    nl: 'Vertrek van het sjabloon (regforms csv template)',
    en: 'Start from the template (regforms csv template)',
    de: 'Gehen Sie von der Vorlage aus (regforms csv template)',
  },
  NO_DATA_ROWS: {
    fr: 'Le fichier a un en-tête et aucune ligne de données',
    nl: 'Het bestand heeft een kopregel en geen gegevensrijen',
    en: 'The file has a header and no data rows',
    de: 'Die Datei hat eine Kopfzeile und keine Datenzeilen',
  },
  // papaparse's codes (CSV_ + its code); only these two arise with a given separator.
  CSV_MISSING_QUOTES: {
    fr: 'Champ entre guillemets non terminé : la ligne ne peut pas être lue de façon fiable',
    nl: 'Veld tussen aanhalingstekens niet afgesloten: de rij kan niet betrouwbaar gelezen worden',
    en: 'Quoted field unterminated: the row cannot be read reliably',
    de: 'Feld in Anführungszeichen nicht abgeschlossen: Die Zeile kann nicht zuverlässig gelesen werden',
  },
  CSV_INVALID_QUOTES: {
    fr: 'Guillemet fermant mal formé dans un champ entre guillemets : la ligne ne peut pas être lue de façon fiable',
    nl: 'Afsluitend aanhalingsteken van een veld tussen aanhalingstekens is misvormd: de rij kan niet betrouwbaar gelezen worden',
    en: 'Trailing quote on quoted field is malformed: the row cannot be read reliably',
    de: 'Schließendes Anführungszeichen eines Felds in Anführungszeichen ist fehlerhaft: Die Zeile kann nicht zuverlässig gelesen werden',
  },
  /** Any other papaparse complaint: its own (English) words, then ours. */
  CSV_ERROR: {
    fr: '{message} : la ligne ne peut pas être lue de façon fiable',
    nl: '{message}: de rij kan niet betrouwbaar gelezen worden',
    en: '{message}: the row cannot be read reliably',
    de: '{message}: Die Zeile kann nicht zuverlässig gelesen werden',
  },
  'CSV_ERROR.hint': {
    fr: 'Une cellule qui contient un " doit être entre guillemets, et ses guillemets doublés ("")',
    nl: 'Een cel met een " moet tussen aanhalingstekens staan, met de aanhalingstekens verdubbeld ("")',
    en: 'A cell that holds a " must be quoted and its quotes doubled ("")',
    de: 'Eine Zelle, die ein " enthält, muss in Anführungszeichen stehen, ihre Anführungszeichen verdoppelt ("")',
  },
  ROW_TOO_SHORT: {
    fr: "La ligne a {cells} {cells, plural, one {cellule} other {cellules}}, l'en-tête en a {width}",
    nl: 'De rij heeft {cells} {cells, plural, one {cel} other {cellen}}, de kopregel heeft er {width}',
    en: 'The row has {cells} {cells, plural, one {cell} other {cells}}, the header has {width}',
    de: 'Die Zeile hat {cells} {cells, plural, one {Zelle} other {Zellen}}, die Kopfzeile hat {width}',
  },
  'ROW_TOO_SHORT.hint': {
    fr: 'Un saut de ligne dans une valeur sans guillemets, ou un séparateur manquant : mettez entre guillemets les valeurs qui contiennent des sauts de ligne',
    nl: 'Een regeleinde in een waarde zonder aanhalingstekens, of een ontbrekend scheidingsteken: zet waarden met regeleinden tussen aanhalingstekens',
    en: 'A line break inside a value that is not quoted, or a missing separator: quote values with line breaks',
    de: 'Ein Zeilenumbruch in einem Wert ohne Anführungszeichen oder ein fehlendes Trennzeichen: Setzen Sie Werte mit Zeilenumbrüchen in Anführungszeichen',
  },
  ROW_TOO_LONG: {
    fr: "La ligne a {cells} {cells, plural, one {cellule} other {cellules}}, l'en-tête en a {width} : les valeurs au-delà de l'en-tête n'ont pas de colonne",
    nl: 'De rij heeft {cells} {cells, plural, one {cel} other {cellen}}, de kopregel heeft er {width}: waarden voorbij de kopregel hebben geen kolom',
    en: 'The row has {cells} {cells, plural, one {cell} other {cells}}, the header has {width}: values beyond the header have no column',
    de: 'Die Zeile hat {cells} {cells, plural, one {Zelle} other {Zellen}}, die Kopfzeile hat {width}: Werte jenseits der Kopfzeile haben keine Spalte',
  },
  'ROW_TOO_LONG.hint': {
    fr: 'Un séparateur dans une valeur sans guillemets ? Mettez entre guillemets les valeurs qui contiennent ;',
    nl: 'Een scheidingsteken in een waarde zonder aanhalingstekens? Zet waarden die ; bevatten tussen aanhalingstekens',
    en: 'A separator inside a value that is not quoted? Quote values that contain ;',
    de: 'Ein Trennzeichen in einem Wert ohne Anführungszeichen? Setzen Sie Werte, die ; enthalten, in Anführungszeichen',
  },
  ROW_TRAILING_SEPARATORS: {
    fr: "La ligne a {count} {count, plural, one {cellule vide} other {cellules vides}} au-delà de l'en-tête : {count, plural, one {ignorée} other {ignorées}}",
    nl: 'De rij heeft {count} lege {count, plural, one {cel} other {cellen}} voorbij de kopregel: genegeerd',
    en: 'The row has {count} empty {count, plural, one {cell} other {cells}} beyond the header: ignored',
    de: 'Die Zeile hat {count} leere {count, plural, one {Zelle} other {Zellen}} jenseits der Kopfzeile: ignoriert',
  },
  STATUS_INVALID: {
    fr: "STATUS vaut '{value}' : seuls draft (garder l'enregistrement Ouvert) ou vide (l'envoyer) sont permis",
    nl: "STATUS is '{value}': enkel draft (de registratie Open houden) of leeg (verzenden) is toegelaten",
    en: "STATUS is '{value}': it may only be draft (keep the registration Open) or empty (send it)",
    de: "STATUS ist '{value}': Erlaubt sind nur draft (die Registrierung Offen lassen) oder leer (sie senden)",
  },
  DUPLICATE_COLUMN_CONFLICT: {
    fr: "La colonne {column} apparaît deux fois et ses copies diffèrent ('{first}' et '{second}')",
    nl: "Kolom {column} komt twee keer voor en de kopieën verschillen ('{first}' en '{second}')",
    en: "Column {column} appears twice and its copies differ ('{first}' and '{second}')",
    de: "Spalte {column} kommt zweimal vor und ihre Kopien unterscheiden sich ('{first}' und '{second}')",
  },
  HIDDEN_VALUE_DROPPED: {
    fr: "Le champ n'est pas affiché pour cette ligne (conditions d'affichage) : sa valeur n'est pas conservée",
    nl: 'Het veld wordt voor deze rij niet getoond (weergavevoorwaarden): de waarde wordt niet bewaard',
    en: 'The field is not shown for this row (skip logic): its value is not kept',
    de: 'Das Feld wird für diese Zeile nicht angezeigt (Anzeigebedingungen): Sein Wert wird nicht übernommen',
  },
  COMPUTED_VALUE_REPLACED: {
    fr: "Le formulaire calcule ce champ : '{value}' est conservé",
    nl: "Het formulier berekent dit veld: '{value}' wordt bewaard",
    en: "The form computes this field: '{value}' is kept",
    de: "Das Formular berechnet dieses Feld: '{value}' wird übernommen",
  },
  'COMPUTED_VALUE_REPLACED.none': {
    fr: "Le formulaire calcule ce champ : aucune valeur n'est conservée",
    nl: 'Het formulier berekent dit veld: er wordt geen waarde bewaard',
    en: 'The form computes this field: no value is kept',
    de: 'Das Formular berechnet dieses Feld: Es wird kein Wert übernommen',
  },

  // Cells read, but not as the convention writes them (cells.ts).
  DATE_TWO_DIGIT_YEAR: {
    fr: 'Lu comme {date} (jour/mois/année, année à deux chiffres) ; les dates sont au format dd/mm/yyyy',
    nl: 'Gelezen als {date} (dag/maand/jaar, jaartal met twee cijfers); datums zijn dd/mm/yyyy',
    en: 'Read as {date} (day/month/year, two-digit year); dates are dd/mm/yyyy',
    de: 'Gelesen als {date} (Tag/Monat/Jahr, zweistellige Jahreszahl); Datumsangaben sind dd/mm/yyyy',
  },
  DATE_ISO: {
    fr: 'Lu comme {date} (année-mois-jour) ; les dates sont au format dd/mm/yyyy',
    nl: 'Gelezen als {date} (jaar-maand-dag); datums zijn dd/mm/yyyy',
    en: 'Read as {date} (year-month-day); dates are dd/mm/yyyy',
    de: 'Gelesen als {date} (Jahr-Monat-Tag); Datumsangaben sind dd/mm/yyyy',
  },
  DATE_SEPARATOR: {
    fr: 'Lu comme {date} ; les dates sont au format dd/mm/yyyy, avec /',
    nl: 'Gelezen als {date}; datums zijn dd/mm/yyyy, met /',
    en: 'Read as {date}; dates are dd/mm/yyyy, with /',
    de: 'Gelesen als {date}; Datumsangaben sind dd/mm/yyyy, mit /',
  },
  CODE_LEADING_ZERO: {
    fr: "'{value}' n'est pas un code ; lu comme '{code}' (Excel supprime les zéros de tête : mettez la colonne au format texte)",
    nl: "'{value}' is geen code; gelezen als '{code}' (Excel laat voorloopnullen weg: geef de kolom de opmaak tekst)",
    en: "'{value}' is not a code; read as '{code}' (Excel drops leading zeros: format the column as text)",
    de: "'{value}' ist kein Code; gelesen als '{code}' (Excel entfernt führende Nullen: Formatieren Sie die Spalte als Text)",
  },
  CODE_CASE: {
    fr: "Lu comme le code '{code}' (majuscules/minuscules)",
    nl: "Gelezen als code '{code}' (hoofdletters/kleine letters)",
    en: "Read as code '{code}' (letter case)",
    de: "Gelesen als Code '{code}' (Groß-/Kleinschreibung)",
  },
  /** The warnings of the codes of one multiple-choice cell, said as one. */
  'CODE_LEADING_ZERO.list': {
    fr: '{first} ; {next}',
    nl: '{first}; {next}',
    en: '{first}; {next}',
    de: '{first}; {next}',
  },
  TIME_SECONDS: {
    fr: 'Lu comme {time} : les secondes ne sont pas conservées',
    nl: 'Gelezen als {time}: seconden worden niet bewaard',
    en: 'Read as {time}: seconds are not kept',
    de: 'Gelesen als {time}: Sekunden werden nicht übernommen',
  },
  BOOLEAN_NUMERIC: {
    fr: "Lu comme {value} ; les booléens s'écrivent true ou false",
    nl: 'Gelezen als {value}; booleaanse waarden zijn true of false',
    en: 'Read as {value}; booleans are true or false',
    de: 'Gelesen als {value}; Wahrheitswerte sind true oder false',
  },
  BOOLEAN_WORD: {
    fr: "Lu comme {value} ; les booléens s'écrivent true ou false",
    nl: 'Gelezen als {value}; booleaanse waarden zijn true of false',
    en: 'Read as {value}; booleans are true or false',
    de: 'Gelesen als {value}; Wahrheitswerte sind true oder false',
  },
  NISS_LEADING_ZERO: {
    fr: 'Lu comme {value} (Excel supprime les zéros de tête : mettez la colonne au format texte)',
    nl: 'Gelezen als {value} (Excel laat voorloopnullen weg: geef de kolom de opmaak tekst)',
    en: 'Read as {value} (Excel drops leading zeros: format the column as text)',
    de: 'Gelesen als {value} (Excel entfernt führende Nullen: Formatieren Sie die Spalte als Text)',
  },

  // Hints for a cell that could not be read: what the column expects (cells.ts).
  'hint.dateNotInCalendar': {
    fr: "ce n'est pas une date du calendrier ; les dates sont au format dd/mm/yyyy",
    nl: 'geen bestaande kalenderdatum; datums zijn dd/mm/yyyy',
    en: 'not a date of the calendar; dates are dd/mm/yyyy',
    de: 'kein gültiges Kalenderdatum; Datumsangaben sind dd/mm/yyyy',
  },
  'hint.date': {
    fr: 'les dates sont au format dd/mm/yyyy, p. ex. 03/09/2024',
    nl: 'datums zijn dd/mm/yyyy, bv. 03/09/2024',
    en: 'dates are dd/mm/yyyy, e.g. 03/09/2024',
    de: 'Datumsangaben sind dd/mm/yyyy, z. B. 03/09/2024',
  },
  'hint.integer': {
    fr: 'un nombre entier, sans décimales ni séparateur de milliers',
    nl: 'een geheel getal, zonder decimalen of scheidingstekens voor duizendtallen',
    en: 'a whole number, without decimals or thousands separators',
    de: 'eine ganze Zahl, ohne Dezimalstellen oder Tausendertrennzeichen',
  },
  'hint.decimal': {
    fr: 'un nombre avec . ou , avant les décimales, sans séparateur de milliers',
    nl: 'een getal met . of , voor de decimalen, zonder scheidingstekens voor duizendtallen',
    en: 'a number with . or , before the decimals, without thousands separators',
    de: 'eine Zahl mit . oder , vor den Dezimalstellen, ohne Tausendertrennzeichen',
  },
  'hint.time': {
    fr: 'les heures sont au format hh:mm (24 h)',
    nl: 'tijden zijn hh:mm (24 u)',
    en: 'times are hh:mm (24 h)',
    de: 'Uhrzeiten sind hh:mm (24 h)',
  },
  'hint.boolean': {
    fr: 'true ou false',
    nl: 'true of false',
    en: 'true or false',
    de: 'true oder false',
  },
  'hint.label': {
    fr: "'{value}' est le libellé du code '{code}' : le CSV contient des codes, pas des libellés",
    nl: "'{value}' is het label van code '{code}': de CSV bevat codes, geen labels",
    en: "'{value}' is the label of code '{code}': the CSV carries codes, not labels",
    de: "'{value}' ist die Bezeichnung des Codes '{code}': Die CSV-Datei enthält Codes, keine Bezeichnungen",
  },
  'hint.codes': {
    fr: 'codes permis : {codes}',
    nl: 'toegelaten codes: {codes}',
    en: 'allowed codes: {codes}',
    de: 'erlaubte Codes: {codes}',
  },
  'hint.codes.more': {
    fr: 'codes permis : {codes}, … ({count} codes : voir le dictionnaire)',
    nl: 'toegelaten codes: {codes}, … ({count} codes: zie het woordenboek)',
    en: 'allowed codes: {codes}, … ({count} codes: see the dictionary)',
    de: 'erlaubte Codes: {codes}, … ({count} Codes: siehe Datenwörterbuch)',
  },
  'hint.multichoice': {
    fr: 'séparez plusieurs codes par |, p. ex. {example}',
    nl: 'voeg meerdere codes samen met |, bv. {example}',
    en: 'join several codes with |, e.g. {example}',
    de: 'mehrere Codes mit | verbinden, z. B. {example}',
  },
  'hint.nissScientific': {
    fr: 'Excel a écrit le numéro de registre national comme un nombre en notation scientifique : mettez la colonne au format texte',
    nl: 'Excel schreef het rijksregisternummer als een getal in wetenschappelijke notatie: geef de kolom de opmaak tekst',
    en: 'Excel wrote the national number as a number in scientific notation: format the column as text',
    de: 'Excel hat die Nationalregisternummer als Zahl in wissenschaftlicher Notation geschrieben: Formatieren Sie die Spalte als Text',
  },
  'hint.niss': {
    fr: 'un numéro de registre national a 11 chiffres (les séparateurs . - / et les espaces sont permis)',
    nl: 'een rijksregisternummer heeft 11 cijfers (scheidingstekens . - / en spaties zijn toegelaten)',
    en: 'a national number has 11 digits (separators . - / and spaces are allowed)',
    de: 'eine Nationalregisternummer hat 11 Ziffern (Trennzeichen . - / und Leerzeichen sind erlaubt)',
  },

  // The words of the text report (report.ts).
  'report.validated': {
    fr: '{file} vérifié selon {form}',
    nl: '{file} gecontroleerd volgens {form}',
    en: 'Validated {file} against {form}',
    de: '{file} gegen {form} geprüft',
  },
  'report.imported': {
    fr: '{file} importé selon {form}',
    nl: '{file} geïmporteerd volgens {form}',
    en: 'Imported {file} against {form}',
    de: '{file} gegen {form} importiert',
  },
  /** The name of a file given without one. */
  'report.file': {
    fr: 'fichier',
    nl: 'bestand',
    en: 'file',
    de: 'Datei',
  },
  'report.error': {
    fr: 'erreur',
    nl: 'fout',
    en: 'error',
    de: 'Fehler',
  },
  'report.warning': {
    fr: 'avertissement',
    nl: 'waarschuwing',
    en: 'warning',
    de: 'Warnung',
  },
  'report.info': {
    fr: 'info',
    nl: 'info',
    en: 'info',
    de: 'Info',
  },
  'report.fix': {
    fr: 'correction : {hint}',
    nl: 'oplossing: {hint}',
    en: 'fix: {hint}',
    de: 'Abhilfe: {hint}',
  },
  // What happened to a row (the row is the subject: "ligne" is feminine).
  'report.sent': {
    fr: 'envoyée',
    nl: 'verzonden',
    en: 'sent',
    de: 'gesendet',
  },
  'report.draft': {
    fr: 'brouillon',
    nl: 'ontwerp',
    en: 'draft',
    de: 'Entwurf',
  },
  'report.rejected': {
    fr: 'rejetée',
    nl: 'geweigerd',
    en: 'rejected',
    de: 'abgelehnt',
  },
  'report.skipped': {
    fr: 'ligne vide, ignorée',
    nl: 'lege regel, overgeslagen',
    en: 'empty line, skipped',
    de: 'leere Zeile, übersprungen',
  },
  // The status of the registration a replacing row stored.
  'report.status.sent': {
    fr: 'envoyé',
    nl: 'verzonden',
    en: 'sent',
    de: 'gesendet',
  },
  'report.status.open': {
    fr: 'ouvert',
    nl: 'open',
    en: 'open',
    de: 'offen',
  },
  'report.replaced': {
    fr: 'remplace {old} → {status}',
    nl: 'vervangt {old} → {status}',
    en: 'replaced {old} → {status}',
    de: 'ersetzt {old} → {status}',
  },
  'report.replaced.line': {
    fr: 'remplace {old} (ligne {line}) → {status}',
    nl: 'vervangt {old} (regel {line}) → {status}',
    en: 'replaced {old} (line {line}) → {status}',
    de: 'ersetzt {old} (Zeile {line}) → {status}',
  },
  'report.totals': {
    fr: '{rows} {rows, plural, one {ligne} other {lignes}} de données : {sent} {sent, plural, one {envoyée} other {envoyées}}, {draft} {draft, plural, one {brouillon} other {brouillons}}, {replaced} {replaced, plural, one {remplacement} other {remplacements}}, {rejected} {rejected, plural, one {rejetée} other {rejetées}}, {skipped} {skipped, plural, one {ligne vide ignorée} other {lignes vides ignorées}}',
    nl: '{rows} {rows, plural, one {gegevensrij} other {gegevensrijen}}: {sent} verzonden, {draft} {draft, plural, one {ontwerp} other {ontwerpen}}, {replaced} {replaced, plural, one {vervanging} other {vervangingen}}, {rejected} geweigerd, {skipped} lege {skipped, plural, one {regel} other {regels}} overgeslagen',
    en: '{rows} data {rows, plural, one {row} other {rows}}: {sent} sent, {draft} draft, {replaced} replaced, {rejected} rejected, {skipped} empty skipped',
    de: '{rows} {rows, plural, one {Datenzeile} other {Datenzeilen}}: {sent} gesendet, {draft} {draft, plural, one {Entwurf} other {Entwürfe}}, {replaced} {replaced, plural, one {Ersetzung} other {Ersetzungen}}, {rejected} abgelehnt, {skipped} leere {skipped, plural, one {Zeile} other {Zeilen}} übersprungen',
  },

  // The words of the data dictionary (template.ts). Type names (text, integer, choice, …) are
  // not here: the dictionary gives them as identifiers, the same in every language.
  // What a column of each type expects (FORMATS is the English of these).
  'format.text': {
    fr: 'texte',
    nl: 'tekst',
    en: 'text',
    de: 'Text',
  },
  'format.integer': {
    fr: 'nombre entier, p. ex. 42',
    nl: 'geheel getal, bv. 42',
    en: 'whole number, e.g. 42',
    de: 'ganze Zahl, z. B. 42',
  },
  'format.decimal': {
    fr: 'nombre avec . ou , comme séparateur décimal, p. ex. 12.5',
    nl: 'getal met . of , als decimaalteken, bv. 12.5',
    en: 'number with . or , as decimal separator, e.g. 12.5',
    de: 'Zahl mit . oder , als Dezimaltrennzeichen, z. B. 12.5',
  },
  'format.date': {
    fr: 'dd/mm/yyyy',
    nl: 'dd/mm/yyyy',
    en: 'dd/mm/yyyy',
    de: 'dd/mm/yyyy',
  },
  'format.time': {
    fr: 'hh:mm (24 h)',
    nl: 'hh:mm (24 u)',
    en: 'hh:mm (24 h)',
    de: 'hh:mm (24 h)',
  },
  'format.boolean': {
    fr: 'true ou false',
    nl: 'true of false',
    en: 'true or false',
    de: 'true oder false',
  },
  'format.choice': {
    fr: 'un code',
    nl: 'één code',
    en: 'one code',
    de: 'ein Code',
  },
  'format.multichoice': {
    fr: 'codes séparés par |, p. ex. 1|3',
    nl: 'codes gescheiden door |, bv. 1|3',
    en: 'codes joined by |, e.g. 1|3',
    de: 'Codes mit | verbunden, z. B. 1|3',
  },
  'format.niss': {
    fr: 'numéro de registre national, 11 chiffres, avec ou sans séparateurs (85.04.02-169.32)',
    nl: 'rijksregisternummer, 11 cijfers, met of zonder scheidingstekens (85.04.02-169.32)',
    en: 'national number, 11 digits, with or without separators (85.04.02-169.32)',
    de: 'Nationalregisternummer, 11 Ziffern, mit oder ohne Trennzeichen (85.04.02-169.32)',
  },
  // The limits of a column, after its format. A date limit is inclusive.
  'dictionary.from': {
    fr: 'à partir du {date}',
    nl: 'vanaf {date}',
    en: 'from {date}',
    de: 'ab {date}',
  },
  'dictionary.until': {
    fr: "jusqu'au {date}",
    nl: 'tot en met {date}',
    en: 'until {date}',
    de: 'bis {date}',
  },
  'dictionary.decimals': {
    fr: 'au plus {n} {n, plural, one {décimale} other {décimales}}',
    nl: 'hoogstens {n} {n, plural, one {decimaal} other {decimalen}}',
    en: 'at most {n} {n, plural, one {decimal} other {decimals}}',
    de: 'höchstens {n} {n, plural, one {Dezimalstelle} other {Dezimalstellen}}',
  },
  // The English has always said "characters", even for 1: its dictionaries are compared byte for byte.
  'dictionary.maxLength': {
    fr: 'au plus {n} {n, plural, one {caractère} other {caractères}}',
    nl: 'hoogstens {n} {n, plural, one {teken} other {tekens}}',
    en: 'at most {n} characters',
    de: 'höchstens {n} Zeichen',
  },
  'dictionary.pattern': {
    fr: 'motif {pattern}',
    nl: 'patroon {pattern}',
    en: 'pattern {pattern}',
    de: 'Muster {pattern}',
  },
  /** The number of codes of a multiple-choice column. */
  'dictionary.minItems': {
    fr: 'au moins {n}',
    nl: 'minstens {n}',
    en: 'at least {n}',
    de: 'mindestens {n}',
  },
  'dictionary.maxItems': {
    fr: 'au plus {n}',
    nl: 'hoogstens {n}',
    en: 'at most {n}',
    de: 'höchstens {n}',
  },
  // When a column must be filled. `item` is the number of a repeat's item; `condition` is
  // the condition over technical names, as the form holds it.
  'dictionary.computed': {
    fr: 'calculé (toute valeur donnée est remplacée)',
    nl: 'berekend (een opgegeven waarde wordt vervangen)',
    en: 'computed (any value given is replaced)',
    de: 'berechnet (ein angegebener Wert wird ersetzt)',
  },
  'dictionary.required': {
    fr: 'obligatoire',
    nl: 'verplicht',
    en: 'required',
    de: 'Pflicht',
  },
  'dictionary.optional': {
    fr: 'facultatif',
    nl: 'optioneel',
    en: 'optional',
    de: 'optional',
  },
  'dictionary.requiredWhenShown': {
    fr: 'obligatoire si affiché',
    nl: 'verplicht als getoond',
    en: 'required when shown',
    de: 'Pflicht, wenn angezeigt',
  },
  'dictionary.requiredWhenShown.item': {
    fr: "obligatoire si affiché dans l'élément {item}, dès qu'il est utilisé",
    nl: 'verplicht als getoond in item {item}, zodra het gebruikt wordt',
    en: 'required when shown in item {item}, once used',
    de: 'Pflicht, wenn angezeigt, in Element {item}, sobald es verwendet wird',
  },
  'dictionary.requiredWhenShown.condition': {
    fr: 'obligatoire si affiché et {condition}',
    nl: 'verplicht als getoond en {condition}',
    en: 'required when shown and {condition}',
    de: 'Pflicht, wenn angezeigt und {condition}',
  },
  'dictionary.requiredWhenShown.item.condition': {
    fr: "obligatoire si affiché dans l'élément {item}, dès qu'il est utilisé, et {condition}",
    nl: 'verplicht als getoond in item {item}, zodra het gebruikt wordt, en {condition}',
    en: 'required when shown in item {item}, once used and {condition}',
    de: 'Pflicht, wenn angezeigt, in Element {item}, sobald es verwendet wird, und {condition}',
  },
  /** The shown-when cell of a column that is always shown. */
  'dictionary.always': {
    fr: 'toujours',
    nl: 'altijd',
    en: 'always',
    de: 'immer',
  },
  // The STATUS control column, as the import reads it (see STATUS_INVALID).
  'dictionary.status.label': {
    fr: "draft : garder l'enregistrement Ouvert ; vide : l'envoyer",
    nl: 'draft: de registratie Open houden; leeg: verzenden',
    en: 'draft: keep the registration Open; empty: send it',
    de: 'draft: die Registrierung Offen lassen; leer: sie senden',
  },
  'dictionary.status.format': {
    fr: 'draft ou vide',
    nl: 'draft of leeg',
    en: 'draft or empty',
    de: 'draft oder leer',
  },
  'dictionary.status.draft': {
    fr: 'Ouvert (à compléter dans le formulaire)',
    nl: 'Open (aan te vullen in het formulier)',
    en: 'Open (to complete in the form)',
    de: 'Offen (im Formular zu vervollständigen)',
  },
  // The column headers of the dictionary, in CSV, Markdown and HTML alike.
  'dictionary.header.column': {
    fr: 'colonne',
    nl: 'kolom',
    en: 'column',
    de: 'Spalte',
  },
  'dictionary.header.label': {
    fr: 'libellé',
    nl: 'label',
    en: 'label',
    de: 'Bezeichnung',
  },
  'dictionary.header.type': {
    fr: 'type',
    nl: 'type',
    en: 'type',
    de: 'Typ',
  },
  'dictionary.header.format': {
    fr: 'format',
    nl: 'formaat',
    en: 'format',
    de: 'Format',
  },
  'dictionary.header.codes': {
    fr: 'codes',
    nl: 'codes',
    en: 'codes',
    de: 'Codes',
  },
  'dictionary.header.required': {
    fr: 'obligatoire',
    nl: 'verplicht',
    en: 'required',
    de: 'Pflicht',
  },
  'dictionary.header.shownWhen': {
    fr: 'affiché si',
    nl: 'getoond als',
    en: 'shown when',
    de: 'angezeigt wenn',
  },
  /** The first sentence of the Markdown dictionary; the English always says "columns". */
  'dictionary.intro': {
    fr: 'CSV : une ligne par enregistrement, séparateur `;`, UTF-8, dates au format dd/mm/yyyy, plusieurs codes séparés par `|`, booléens true/false. {columns} {columns, plural, one {colonne} other {colonnes}}, puis STATUS.',
    nl: 'CSV: één rij per registratie, scheidingsteken `;`, UTF-8, datums dd/mm/yyyy, meerdere codes gescheiden door `|`, booleaanse waarden true/false. {columns} {columns, plural, one {kolom} other {kolommen}}, dan STATUS.',
    en: 'CSV: one row per registration, separator `;`, UTF-8, dates dd/mm/yyyy, several codes joined by `|`, booleans true/false. {columns} columns, then STATUS.',
    de: 'CSV: eine Zeile pro Registrierung, Trennzeichen `;`, UTF-8, Datumsangaben dd/mm/yyyy, mehrere Codes mit `|` verbunden, Wahrheitswerte true/false. {columns} {columns, plural, one {Spalte} other {Spalten}}, dann STATUS.',
  },
} as const satisfies MessageCatalog;

export type MessageKey = keyof typeof MESSAGES;

/**
 * A message of the catalog in `lang` (English for a language it does not have), its
 * parameters filled from `params`; a parameter left out shows as `{name}`.
 */
export const renderMessage = messageFormatter<MessageKey>(MESSAGES);
