/** Excel formula parser/evaluator for `mcev eval`. */
export { evaluateFormula, evaluateNode, type FormulaContext } from "./evaluate";
export { formatResult, formatResultJson } from "./format";
export { parseFormula, type BinaryOperator, type FormulaNode } from "./parser";
export { numberFromText } from "./numbers";
