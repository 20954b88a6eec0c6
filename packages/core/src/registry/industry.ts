/**
 * GB/T 4754-2017 national industry classification (国民经济行业分类) and its mapping to the
 * "3+6" industry groups and the talent award's 8 fields. A class is a section letter and
 * 4 digits (C3973); the section follows from the 2-digit division.
 */
import type { FieldError } from '../errors.js';
import { INDUSTRY_GROUPS, TALENT_FIELDS, type IndustryGroup, type TalentField } from './taxonomy.js';

const SECTION_RANGES: readonly [string, number, number][] = [
  ['A', 1, 5], ['B', 6, 12], ['C', 13, 43], ['D', 44, 46], ['E', 47, 50], ['F', 51, 52], ['G', 53, 60],
  ['H', 61, 62], ['I', 63, 65], ['J', 66, 69], ['K', 70, 70], ['L', 71, 72], ['M', 73, 75], ['N', 76, 79],
  ['O', 80, 82], ['P', 83, 83], ['Q', 84, 85], ['R', 86, 90], ['S', 91, 96], ['T', 97, 97],
];

/** The 97 divisions (大类) of GB/T 4754-2017. */
export const DIVISIONS: Readonly<Record<string, string>> = {
  '01': '农业', '02': '林业', '03': '畜牧业', '04': '渔业', '05': '农、林、牧、渔专业及辅助性活动',
  '06': '煤炭开采和洗选业', '07': '石油和天然气开采业', '08': '黑色金属矿采选业', '09': '有色金属矿采选业',
  '10': '非金属矿采选业', '11': '开采专业及辅助性活动', '12': '其他采矿业', '13': '农副食品加工业', '14': '食品制造业',
  '15': '酒、饮料和精制茶制造业', '16': '烟草制品业', '17': '纺织业', '18': '纺织服装、服饰业',
  '19': '皮革、毛皮、羽毛及其制品和制鞋业', '20': '木材加工和木、竹、藤、棕、草制品业', '21': '家具制造业',
  '22': '造纸和纸制品业', '23': '印刷和记录媒介复制业', '24': '文教、工美、体育和娱乐用品制造业',
  '25': '石油、煤炭及其他燃料加工业', '26': '化学原料和化学制品制造业', '27': '医药制造业', '28': '化学纤维制造业',
  '29': '橡胶和塑料制品业', '30': '非金属矿物制品业', '31': '黑色金属冶炼和压延加工业', '32': '有色金属冶炼和压延加工业',
  '33': '金属制品业', '34': '通用设备制造业', '35': '专用设备制造业', '36': '汽车制造业',
  '37': '铁路、船舶、航空航天和其他运输设备制造业', '38': '电气机械和器材制造业', '39': '计算机、通信和其他电子设备制造业',
  '40': '仪器仪表制造业', '41': '其他制造业', '42': '废弃资源综合利用业', '43': '金属制品、机械和设备修理业',
  '44': '电力、热力生产和供应业', '45': '燃气生产和供应业', '46': '水的生产和供应业', '47': '房屋建筑业',
  '48': '土木工程建筑业', '49': '建筑安装业', '50': '建筑装饰、装修和其他建筑业', '51': '批发业', '52': '零售业',
  '53': '铁路运输业', '54': '道路运输业', '55': '水上运输业', '56': '航空运输业', '57': '管道运输业',
  '58': '多式联运和运输代理业', '59': '装卸搬运和仓储业', '60': '邮政业', '61': '住宿业', '62': '餐饮业',
  '63': '电信、广播电视和卫星传输服务', '64': '互联网和相关服务', '65': '软件和信息技术服务业', '66': '货币金融服务',
  '67': '资本市场服务', '68': '保险业', '69': '其他金融业', '70': '房地产业', '71': '租赁业', '72': '商务服务业',
  '73': '研究和试验发展', '74': '专业技术服务业', '75': '科技推广和应用服务业', '76': '水利管理业',
  '77': '生态保护和环境治理业', '78': '公共设施管理业', '79': '土地管理业', '80': '居民服务业',
  '81': '机动车、电子产品和日用产品修理业', '82': '其他服务业', '83': '教育', '84': '卫生', '85': '社会工作',
  '86': '新闻和出版业', '87': '广播、电视、电影和录音制作业', '88': '文化艺术业', '89': '体育', '90': '娱乐业',
  '91': '中国共产党机关', '92': '国家机构', '93': '人民政协、民主党派', '94': '社会保障',
  '95': '群众团体、社会团体和其他成员组织', '96': '基层群众自治组织及其他组织', '97': '国际组织',
};

/** Names of the classes (小类) the default mapping and the demo data use. */
export const CLASS_NAMES: Readonly<Record<string, string>> = {
  '2710': '化学药品原料药制造', '2720': '化学药品制剂制造', '2761': '生物药品制造', '2762': '基因工程药物和疫苗制造',
  '2770': '卫生材料及医药用品制造', '2680': '日用化学产品制造', '2651': '初级形态塑料及合成树脂制造',
  '3011': '水泥制造', '3240': '有色金属合金制造', '3415': '风动和电动工具制造', '3491': '工业机器人制造',
  '3492': '特殊作业机器人制造', '3562': '半导体器件专用设备制造', '3581': '医疗诊断、监护及治疗设备制造',
  '3612': '新能源车整车制造', '3670': '汽车零部件及配件制造', '3741': '飞机制造', '3742': '航天器及运载火箭制造',
  '3825': '光伏设备及元器件制造', '3841': '锂离子电池制造', '3911': '计算机整机制造', '3921': '通信系统设备制造',
  '3964': '服务消费机器人制造', '3972': '半导体分立器件制造', '3973': '集成电路制造', '3974': '显示器件制造',
  '3985': '电子专用材料制造', '4011': '工业自动控制系统装置制造', '1810': '机织服装制造', '2438': '珠宝首饰及有关物品制造',
  '4416': '太阳能发电', '6420': '互联网信息服务', '6511': '基础软件开发', '6513': '应用软件开发', '6520': '集成电路设计',
  '6531': '信息系统集成服务', '6550': '信息处理和存储支持服务', '7310': '自然科学研究和试验发展', '7340': '医学研究和试验发展', '7320': '工程和技术研究和试验发展',
  '8311': '普通高等教育', '8411': '综合医院', '5191': '互联网批发', '7212': '投资与资产管理', '4710': '住宅房屋建筑',
};

export function sectionOf(division: string): string | undefined {
  const n = Number(division);
  return SECTION_RANGES.find(([, lo, hi]) => n >= lo && n <= hi)?.[0];
}

/** Accepts C3973 or 3973 (any case, spaces ignored); returns the canonical C3973. */
export function parseIndustryCode(raw: string, field = 'industryCode'): { value: string } | { error: FieldError } {
  const s = raw.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-T])?(\d{4})$/.exec(s);
  if (!m) return { error: { code: 'INDUSTRY_CODE_FORMAT', field, params: { value: raw } } };
  const digits = m[2] as string;
  const division = digits.slice(0, 2);
  const section = sectionOf(division);
  if (!section || !DIVISIONS[division]) return { error: { code: 'INDUSTRY_CODE_UNKNOWN', field, params: { value: raw } } };
  if (m[1] && m[1] !== section) {
    return { error: { code: 'INDUSTRY_CODE_SECTION', field, params: { value: raw, expected: section } } };
  }
  return { value: section + digits };
}

export function industryName(code: string): string | undefined {
  const digits = code.slice(1);
  return CLASS_NAMES[digits] ?? DIVISIONS[digits.slice(0, 2)];
}

/** One line of the mapping: every class whose 4 digits start with `prefix` belongs to these. */
export interface IndustryMappingRule {
  prefix: string;
  groups: IndustryGroup[];
  talentFields: TalentField[];
  note?: string;
}

/**
 * The shipped default mapping (editable by the office). Rules are additive: a class gets the
 * union of every rule whose prefix it starts with, so 3973 is electronic information (division 39)
 * and integrated circuits (class 3973).
 */
export const DEFAULT_INDUSTRY_MAPPING: readonly IndustryMappingRule[] = [
  { prefix: '39', groups: ['electronic_information'], talentFields: [], note: '计算机、通信和其他电子设备制造业' },
  { prefix: '63', groups: ['electronic_information'], talentFields: [] },
  { prefix: '64', groups: ['electronic_information'], talentFields: [] },
  { prefix: '65', groups: ['electronic_information'], talentFields: ['software'] },
  { prefix: '3972', groups: ['ic'], talentFields: ['ic'] },
  { prefix: '3973', groups: ['ic'], talentFields: ['ic'] },
  { prefix: '3985', groups: ['ic'], talentFields: ['ic'] },
  { prefix: '3562', groups: ['ic', 'high_end_equipment'], talentFields: ['ic', 'high_end_equipment'] },
  { prefix: '6520', groups: ['ic'], talentFields: ['ic'] },
  { prefix: '27', groups: ['biomedicine', 'life_health'], talentFields: ['biomedicine'], note: '医药制造业' },
  { prefix: '358', groups: ['biomedicine', 'life_health'], talentFields: ['biomedicine'], note: '医疗仪器设备及器械制造' },
  { prefix: '7340', groups: ['biomedicine', 'life_health'], talentFields: ['biomedicine'] },
  { prefix: '84', groups: ['life_health'], talentFields: [] },
  { prefix: '3491', groups: ['ai', 'high_end_equipment'], talentFields: ['ai', 'high_end_equipment'] },
  { prefix: '3492', groups: ['ai', 'high_end_equipment'], talentFields: ['ai', 'high_end_equipment'] },
  { prefix: '3964', groups: ['ai'], talentFields: ['ai'] },
  { prefix: '6550', groups: ['ai'], talentFields: ['ai'] },
  { prefix: '36', groups: ['automobile'], talentFields: [] },
  { prefix: '34', groups: ['high_end_equipment'], talentFields: ['high_end_equipment'] },
  { prefix: '35', groups: ['high_end_equipment'], talentFields: ['high_end_equipment'] },
  { prefix: '37', groups: ['high_end_equipment'], talentFields: ['high_end_equipment'] },
  { prefix: '374', groups: [], talentFields: ['aerospace'], note: '航空、航天器及设备制造' },
  { prefix: '40', groups: ['high_end_equipment'], talentFields: ['high_end_equipment'] },
  { prefix: '26', groups: ['advanced_materials'], talentFields: ['advanced_materials'] },
  { prefix: '28', groups: ['advanced_materials'], talentFields: ['advanced_materials'] },
  { prefix: '30', groups: ['advanced_materials'], talentFields: ['advanced_materials'] },
  { prefix: '31', groups: ['advanced_materials'], talentFields: ['advanced_materials'] },
  { prefix: '32', groups: ['advanced_materials'], talentFields: ['advanced_materials'] },
  { prefix: '268', groups: ['fashion_consumer'], talentFields: [], note: '日用化学产品制造' },
  { prefix: '14', groups: ['fashion_consumer'], talentFields: [] },
  { prefix: '17', groups: ['fashion_consumer'], talentFields: [] },
  { prefix: '18', groups: ['fashion_consumer'], talentFields: [] },
  { prefix: '19', groups: ['fashion_consumer'], talentFields: [] },
  { prefix: '24', groups: ['fashion_consumer'], talentFields: [] },
  { prefix: '3825', groups: [], talentFields: ['new_energy'] },
  { prefix: '384', groups: [], talentFields: ['new_energy'], note: '电池制造' },
  { prefix: '3612', groups: [], talentFields: ['new_energy'] },
  { prefix: '4415', groups: [], talentFields: ['new_energy'] },
  { prefix: '4416', groups: [], talentFields: ['new_energy'] },
];

/** Groups and talent fields a class belongs to under a mapping, in the taxonomy's order. */
export function classify(
  code: string | null | undefined,
  mapping: readonly IndustryMappingRule[],
): { groups: IndustryGroup[]; talentFields: TalentField[] } {
  const groups = new Set<IndustryGroup>();
  const fields = new Set<TalentField>();
  if (code) {
    const digits = code.replace(/^[A-T]/, '');
    for (const rule of mapping) {
      if (digits.startsWith(rule.prefix)) {
        rule.groups.forEach((g) => groups.add(g));
        rule.talentFields.forEach((f) => fields.add(f));
      }
    }
  }
  return {
    groups: INDUSTRY_GROUPS.filter((g) => groups.has(g)),
    talentFields: TALENT_FIELDS.filter((f) => fields.has(f)),
  };
}
