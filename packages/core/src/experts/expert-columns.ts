/**
 * The columns of the expert import file, in the template's order: the server reads and writes the
 * file by them, the web's preview shows them. Chinese headers and aliases are what people type.
 */
import type { ExpertFields } from './expert.js';

export const EXPERT_COLUMNS = [
  { key: 'name', zh: '姓名', field: 'name', required: true, aliases: ['专家姓名'] },
  { key: 'title', zh: '职称', field: 'professionalTitle', required: false, aliases: ['professional_title'] },
  { key: 'employer_uscc', zh: '工作单位统一社会信用代码', field: 'employerUscc', required: false, aliases: ['工作单位代码', '单位统一社会信用代码'] },
  { key: 'employer', zh: '工作单位', field: 'employerName', required: false, aliases: ['单位', '工作单位名称'] },
  { key: 'tags', zh: '专业领域', field: 'tags', required: false, aliases: ['领域', '专业'] },
  { key: 'shareholdings', zh: '持股单位', field: 'shareholdings', required: false, aliases: [] },
  { key: 'phone', zh: '手机', field: 'phone', required: false, aliases: ['手机号', '手机号码', '电话', '联系电话'] },
  { key: 'email', zh: '邮箱', field: 'email', required: false, aliases: ['电子邮箱', '电子邮件', 'e-mail', 'mail'] },
] as const satisfies readonly { key: string; zh: string; field: keyof ExpertFields; required: boolean; aliases: readonly string[] }[];

export type ExpertColumn = (typeof EXPERT_COLUMNS)[number]['key'];

/** The column keys alone, in order (the preview's headers). */
export const EXPERT_COLUMN_KEYS: readonly ExpertColumn[] = EXPERT_COLUMNS.map((c) => c.key);
