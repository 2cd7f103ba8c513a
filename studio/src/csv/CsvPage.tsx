export function CsvPage() {
  return null;
}
