export * from './canonical.ts';
export { type Cond, conditionPath, expressionPath, readCondition, toEnableWhen } from './fhirpath.ts';
export {
  type Loss,
  linkIdOf,
  previousVersion,
  type QuestionnaireOptions,
  type QuestionnaireResult,
  toQuestionnaire,
} from './questionnaire.ts';
export {
  formatIssue,
  formOfResponse,
  fromResponse,
  issueOf,
  type ReadResponse,
  type ResponseIssue,
  type ResponseOptions,
  toResponse,
} from './response.ts';
export type * from './types.ts';
