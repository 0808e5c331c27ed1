import type { AuditCategory } from '../../../src-shared/contract/auditlog';
import { auditLabelsIn } from '../../../src-shared/labels/audit-labels';

/**
 * The export reads in Chinese whatever the interface language: the file goes to an inspection
 * (教育主管部门、学校督查). The words come from the one dictionary in src-shared, the same the
 * screen shows.
 */
const ZH = auditLabelsIn('zh-CN');

export const CATEGORY_ZH = ZH.categories as Record<AuditCategory, string>;
export const EXPORT_LANGUAGE = 'zh-CN' as const;
