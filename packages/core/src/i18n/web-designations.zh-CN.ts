/** 网页端认定相关的中文文案：机构的认定、时间线、企业库筛选。 */
import type { WebDesignationsKey } from './web-designations.en.js';

export const webDesignationsZh: Record<WebDesignationsKey, string> = {
  'designations.title': '认定',
  'designations.none': '暂无认定记录',
  'designations.grant': '新增认定',
  'designations.grantTitle': '认定或续期',
  'designations.addStep': '记录事项',
  'designations.stepTitle': '记录事项：{{title}}',
  'designations.stepKind': '事项',
  'designations.save': '保存',
  'designations.required': '必填',
  'designations.dayFormat': '请选择日期（YYYY-MM-DD）',
  'designations.decisionOrSource': '请填写认定依据（文号）；在其他渠道获得的认定请填写来源',
  'designations.validUntil': '有效期至{{day}}（不含）',
  'designations.grantedBy': '认定机构：{{body}}',
  'designations.tierChange': '{{from}} → {{to}}',
  'designations.reason': '理由：{{reason}}',
  'designations.decision': '依据：{{decision}}',
  'designations.source': '来源：{{source}}',
  'designations.publicationDecision': '第{{id}}号公示的最终名单',
  'designations.unknownTitle': '认定目录中没有该称号',
  'designations.unknownTier': '认定目录中没有该层级',
  'designations.anyTier': '{{title}}（任意层级）',
  'orgs.filter.designation': '持有认定',
  'orgs.filter.designationOn': '持有日期',
};
