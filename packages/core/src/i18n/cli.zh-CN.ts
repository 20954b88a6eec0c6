/** `keping` 命令行的中文提示。 */
import type { CliKey } from './cli.en.js';

export const cliZh: Record<CliKey, string> = {
  'cli.usage': '用法：keping <命令> [选项]\n\n命令：\n  serve [--port N] [--host H]      启动网站服务（先执行迁移）\n  migrate                          将数据库结构升级到最新\n  work                             运行后台任务（serve 会自动启动）\n  demo [--count N] [--seed S]      生成演示机构、用户、TOP100 榜单和 2019 年立功竞赛\n  import organisations|experts 文件 [--dry-run] [--json]\n                                   导入机构或专家的 CSV 或 XLSX 文件\n  export organisations 文件.xlsx   导出机构名录\n  audit verify [--checkpoint 文件 [--key 文件]]\n                                   校验审计记录的哈希链（及其是否仍包含已签名的检查点）\n  audit checkpoint [--out 文件]    签署并公布审计链的当前末端（密钥：KEPING_AUDIT_KEY_FILE）\n  audit keygen --out 文件          生成用于检查点的 Ed25519 签名密钥（请存放在数据库之外）\n  backup --out 目录                备份数据库、附件及其 SHA-256 清单\n  restore 目录                     将备份恢复到空数据库和空附件目录\n  eligibility --rules 规则集 --as-of 日期 --data 文件 [--json]\n                                   按资格规则集逐一审查\n  index compute --spec 方案.json --data 数据 --out 结果.csv [--uncertainty N --seed S]\n                                   计算综合指数与排名\n  assign --entries 申报.csv --experts 专家.csv --affinity 匹配度.csv --per-entry K --max-load L --out 结果.csv\n         [--conflicts 回避.csv] [--min-load M] [--mode optimal|fair|random] [--seed S] [--reserves R]\n                                   分配评审专家\n  program export ID [--out 文件] | program recompute 档案包 [--json]\n                                   导出项目档案包，或依档案包重算各轮结果\n  user create 用户名 --role 角色 [--name 姓名] [--organisation 信用代码] [--password 密码]\n                                   新建用户（未给出密码时读取 KEPING_PASSWORD）\n\n数据库默认为 ./data/keping.sqlite；设置 KEPING_DATABASE_URL=postgres://… 时使用 PostgreSQL。\n语言：KEPING_LANG=en 或 zh-CN（默认 zh-CN）。',
  'cli.error': '错误',
  'cli.migrated': '数据库已是最新（本次执行{{count}}个迁移）。',
  'cli.serving': '科评已启动：{{url}}',
  'cli.demoAccounts': '演示账号（密码 {{password}}）：',
  'cli.demoSeeded': '已生成{{organisations}}个演示机构和{{users}}个用户。',
  'cli.demoCompetition': '已重演2019年立功竞赛：{{units}}家单位申报{{achievements}}项成果；形式审查通过{{advanced}}项，未通过{{rejected}}项。',
  'cli.demoTop100': '已用{{candidates}}家候选企业计算并发布演示TOP100榜单。',
  'cli.demoPresent': '演示数据已存在（{{organisations}}个机构）。',
  'cli.importSummary': '共读取{{rows}}行，有效{{valid}}行，错误{{errors}}处。',
  'cli.importDone': '已导入：新增{{created}}个，更新{{updated}}个。',
  'cli.importDryRun': '试运行：未写入任何数据。',
  'cli.importRejected': '未导入任何数据：请修正错误后重试。',
  'cli.importErrorLine': '第{{row}}行，{{field}}：{{message}}',
  'cli.exported': '已导出{{count}}个机构到{{path}}。',
  'cli.auditOk': '审计链完整：共{{count}}条，最后哈希{{hash}}。',
  'cli.auditBroken': '审计链在第{{id}}条处断裂：{{reason}}',
  'cli.auditReason.hash': '内容与哈希不符（被修改）',
  'cli.auditReason.prev': '与前一条记录不衔接（有记录被删除或修改）',
  'cli.auditReason.gap': '缺少第{{missing}}条记录（被删除）',
  'cli.userCreated': '已创建用户{{username}}，角色{{role}}。',
  'cli.passwordRequired': '请提供 --password 或设置 KEPING_PASSWORD。',
};
