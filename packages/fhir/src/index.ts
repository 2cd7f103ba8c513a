export * from './canonical.ts';
export { type Cond, conditionPath, expressionPath, readCondition, toEnableWhen } from './fhirpath.ts';
export { linkIdOf, type Loss, type QuestionnaireOptions, type QuestionnaireResult, toQuestionnaire } from './questionnaire.ts';
export type * from './types.ts';
