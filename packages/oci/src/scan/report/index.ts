import type { ScanReport } from '../scan';
import { jsonReport } from './json';
import { sarifReport } from './sarif';
import { cycloneDxReport, spdxReport } from './sbom';
import { tableReport } from './table';

export { jsonReport } from './json';
export { purlOf } from './purl';
export { sarifReport } from './sarif';
export { cycloneDxReport, spdxReport } from './sbom';
export { tableReport } from './table';

/** Output formats, as Trivy names them. */
export const REPORT_FORMATS = ['table', 'json', 'sarif', 'cyclonedx', 'spdx-json'] as const;

/** An output format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Renders a report in `format`. */
export function renderReport(
  report: ScanReport,
  format: ReportFormat,
  options: { colour?: boolean } = {},
): string {
  switch (format) {
    case 'table':
      return tableReport(report, options);
    case 'json':
      return jsonReport(report);
    case 'sarif':
      return sarifReport(report);
    case 'cyclonedx':
      return cycloneDxReport(report);
    case 'spdx-json':
      return spdxReport(report);
  }
}
