export type { ArithOp, BinaryOp, CompareOp, CompiledExpr, Expr, FunctionName, Span } from './ast.ts';
export { FUNCTIONS, references, toCompiled } from './ast.ts';
export type { EvalContext, Value } from './evaluate.ts';
export { evaluate, normaliseName, pseudocode } from './evaluate.ts';
export type { ParseError } from './parse.ts';
export { parseExpression } from './parse.ts';
