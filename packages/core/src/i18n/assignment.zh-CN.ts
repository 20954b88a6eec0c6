/** assignment 引擎及其命令行的中文提示。 */
import type { AssignmentKey } from './assignment.en.js';

export const assignmentZh: Record<AssignmentKey, string> = {
  'assignment.title': '分配',
  'assignment.mode.optimal': '最优匹配',
  'assignment.mode.fair': '公平匹配',
  'assignment.mode.random': '随机抽取',

  // 输入
  'errors.ASSIGNMENT_PER_ENTRY': '每个项目的专家人数须为不小于 1 的整数（当前为“{{value}}”）',
  'errors.ASSIGNMENT_LOAD': '评审数量上下限须为不小于 0 的整数（当前为“{{value}}”）',
  'errors.ASSIGNMENT_LOAD_ORDER': '评审数量下限 {{minLoad}} 大于上限 {{maxLoad}}',
  'errors.ASSIGNMENT_EXPERT_LOAD_ORDER': '专家 {{expert}}：评审数量下限 {{minLoad}} 大于上限 {{maxLoad}}',
  'errors.ASSIGNMENT_RESERVES': '备选专家人数须为不小于 0 的整数（当前为“{{value}}”）',
  'errors.ASSIGNMENT_SCORE_INVALID': '匹配度“{{value}}”不是数字',
  'errors.ASSIGNMENT_CANDIDATES': '未知的候选方式“{{value}}”：请使用 all 或 listed',
  'errors.ASSIGNMENT_SEED_REQUIRED': '随机抽取须指定随机种子，以便复现和核查',
  'errors.ASSIGNMENT_ID_MISSING': '第 {{index}} 行缺少编号',
  'errors.ASSIGNMENT_DUPLICATE_ENTRY': '项目编号“{{id}}”重复（首次出现在第 {{first}} 行）',
  'errors.ASSIGNMENT_DUPLICATE_EXPERT': '专家编号“{{id}}”重复（首次出现在第 {{first}} 行）',
  'errors.ASSIGNMENT_UNKNOWN_ENTRY': '未知项目“{{id}}”',
  'errors.ASSIGNMENT_UNKNOWN_EXPERT': '未知专家“{{id}}”',
  'errors.ASSIGNMENT_DUPLICATE_PAIR': '项目 {{entry}} 与专家 {{expert}} 的组合重复（首次出现在第 {{first}} 行）',
  'errors.ASSIGNMENT_TOO_MANY_PAIRS': '项目与专家的组合共 {{pairs}} 个，超过上限 {{limit}}：请改为列出候选组合',
  'errors.ASSIGNMENT_NOT_A_NUMBER': '“{{value}}”不是数字',
  'errors.ASSIGNMENT_OPTION': '参数 {{option}} 须为{{expected}}（当前为“{{value}}”）',

  // 无法分配
  'errors.ASSIGNMENT_TOO_FEW_EXPERTS': '项目 {{entry}} 只有 {{available}} 位符合条件的专家（无回避关系、组别与专业相符），需要 {{needed}} 位',
  'errors.ASSIGNMENT_TOO_FEW_ORGANISATIONS': '项目 {{entry}} 的合格专家只来自 {{available}} 个单位，而需要 {{needed}} 位来自不同单位的专家',
  'errors.ASSIGNMENT_CAPACITY':
    '专家最多能承担 {{capacity}} 次评审（按各自评审数量上限，且只计其可评的项目），而 {{entries}} 个项目各需 {{perEntry}} 位专家，共需 {{needed}} 次',
  'errors.ASSIGNMENT_CATEGORY_CAPACITY': '组别 {{category}}：{{entries}} 个项目共需 {{needed}} 次评审，而可评该组的专家最多只能承担 {{capacity}} 次',
  'errors.ASSIGNMENT_MIN_LOAD_TOTAL': '各专家评审数量下限合计 {{total}}，但总共只有 {{needed}} 次评审可分配',
  'errors.ASSIGNMENT_MIN_LOAD_EXPERT': '专家 {{expert}} 至少须评审 {{minLoad}} 个项目，但其可评项目只有 {{eligible}} 个',
  'errors.ASSIGNMENT_ENTRY_BLOCKED':
    '项目 {{entry}} 还差 {{missing}} 位专家：它与另外 {{entries}} 个项目争用 {{experts}} 位专家，而这些专家均已达评审数量上限',
  'errors.ASSIGNMENT_MIN_LOAD_UNMET': '专家 {{expert}} 在不违反其他规则的情况下达不到评审数量下限 {{minLoad}}（差 {{missing}} 个）',

  // 命令行
  'assignment.cli.usage':
    'keping assign --entries 项目.csv --experts 专家.csv --affinity 匹配度.csv [--conflicts 回避.csv] --per-entry K --max-load L [--min-load M] ' +
    '[--mode optimal|fair|random] [--seed 种子] [--reserves R] [--candidates all|listed] [--min-score 分数] [--same-organisation-conflict yes|no] ' +
    '[--one-per-organisation] --out 结果.csv',
  'assignment.cli.summary': '已为 {{entries}} 个项目各分配 {{perEntry}} 位专家（{{mode}}）：匹配度合计 {{total}}，最低项目合计 {{minimum}}（{{entry}}）',
  'assignment.cli.fair': '最低项目合计 {{minimum}}，{{proof}}；最优匹配模式下最低为 {{optimalMinimum}}，合计 {{optimalTotal}}',
  'assignment.cli.fairProven': '已证明为可能的最大值',
  'assignment.cli.fairBound': '任何分配都不会超过 {{bound}}',
  'assignment.cli.seed': '随机种子 {{seed}}：请妥善保存——相同文件与种子可复现同一抽取结果',
  'assignment.cli.excluded':
    '已排除的组合：回避 {{conflict}} 个，同单位 {{sameOrganisation}} 个，组别不符 {{category}} 个，低于最低匹配度 {{belowMinScore}} 个',
  'assignment.cli.written': '已写入 {{path}}（{{rows}} 行）',
  'assignment.cli.inFile': '{{file}} 第 {{row}} 行“{{column}}”列：{{message}}',
  'assignment.cli.inFileRow': '{{file}} 第 {{row}} 行：{{message}}',
  'assignment.cli.more': '……另有 {{count}} 个问题',
};
