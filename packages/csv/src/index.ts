/*
 * @regforms/csv: CSV template, dictionary, import and export with the HD4DP v2 conventions.
 * Nothing here needs Node: a browser page calls the same functions on a File or a string.
 */
export type { CellResult, ColumnPlan } from './cells.ts';
export { columnKey, FORMATS, planColumn, readCell, writeCell } from './cells.ts';
export { currentRegistrations, exportCsv, exportRegistrations } from './export.ts';
export type { HeaderPlan, IgnoredMessage, Slot } from './header.ts';
export { planHeader, STATUS_COLUMN } from './header.ts';
export type { CsvInput, CsvRead, ImportOptions, RowThreads } from './import.ts';
export { importCsv, overlayStore, readCsv } from './import.ts';
export type { MessageKey, MessageLanguage, MessageParams } from './messages.ts';
export { MESSAGE_LANGUAGES, MESSAGES, messageLanguage, renderMessage } from './messages.ts';
export type { DecodedText, ParsedRow, ParseOptions } from './parse.ts';
export { decodeCsv, detectSeparator, parseCsvText, parseRows } from './parse.ts';
export type {
  CellIssue,
  FileIssue,
  ImportReport,
  ImportTotals,
  RowOutcome,
  RowReport,
  Severity,
} from './report.ts';
export { formatReportJson, formatReportText, hasRejections } from './report.ts';
export type { CheckedRow, PendingRow, RowJob, RowJobResult } from './rows.ts';
export { checkRows, columnOfError } from './rows.ts';
export type { DictionaryEntry } from './template.ts';
export {
  describeCondition,
  dictionary,
  dictionaryCsv,
  dictionaryHtml,
  dictionaryMarkdown,
  markdownCode,
  markdownText,
  templateColumns,
  templateCsv,
} from './template.ts';
