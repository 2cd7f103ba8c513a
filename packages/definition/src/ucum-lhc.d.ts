/* The part of @lhncbc/ucum-lhc's API regforms uses (the package ships no types). */
declare module '@lhncbc/ucum-lhc' {
  interface UcumAnswer {
    status: 'valid' | 'invalid' | 'error';
    msg: string[];
    suggestions?: { units: [string, string, string][] }[];
  }
  interface UcumLhcUtils {
    validateUnitString(unit: string, suggest?: boolean): UcumAnswer;
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
