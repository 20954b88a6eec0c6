/**
 * A seeded generator of a synthetic expert pool (专家库) for demos, tests and benchmarks: Chinese
 * names from common surnames and given-name characters, professional titles weighted as a
 * municipal pool looks, employers, past employers and shareholdings drawn from the organisations
 * given. Invented people, phone numbers and universities only; e-mail addresses are on example.org.
 */
import { createRng, type Rng } from '../random.js';
import type { DateRange, DeclaredConflict, ExpertEmployment, ExpertFields, Shareholding } from './expert.js';
import { EXPERTISE_FIELDS } from './expert.js';

export interface SyntheticExpertOptions {
  count: number;
  seed: string | number;
  /** Organisations experts work at, worked at or hold shares in. */
  organisations: readonly { uscc: string; name: string }[];
  /** YYYY-MM-DD the histories and availability are drawn around (default 2025-01-01). */
  asOf?: string;
}

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '欧阳', '司马', '诸葛',
];
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '华', '建', '国', '志', '文', '斌', '辉', '宁', '晓', '红', '海', '鹏', '宇', '浩', '凯', '琳', '雪', '慧',
  '思', '卫', '东', '立', '新', '春', '颖', '婷', '博', '然', '睿', '哲', '瑞', '阳', '峰', '蕾', '昊', '嘉', '彦', '岚',
];
/** 职称 with a weight: most of a pool are full professors, research fellows and senior engineers. */
const TITLES: readonly { title: string; weight: number }[] = [
  { title: '教授', weight: 24 }, { title: '研究员', weight: 18 }, { title: '高级工程师', weight: 16 },
  { title: '正高级工程师', weight: 12 }, { title: '教授级高级工程师', weight: 8 }, { title: '副教授', weight: 7 },
  { title: '副研究员', weight: 6 }, { title: '主任医师', weight: 4 }, { title: '高级经济师', weight: 2 },
  { title: '中国科学院院士', weight: 1 }, { title: '中国工程院院士', weight: 1 },
];
const TITLE_TOTAL = TITLES.reduce((s, t) => s + t.weight, 0);
/** Free tags beside the taxonomy, by taxonomy field. */
const FREE_TAGS: Record<string, readonly string[]> = {
  ic: ['芯片设计', 'EDA', '先进封装', '光刻工艺'],
  biomedicine: ['创新药', '临床试验', '细胞治疗', '抗体药物'],
  ai: ['机器学习', '计算机视觉', '大模型', '自然语言处理'],
  software: ['工业软件', '操作系统', '数据库'],
  electronic_information: ['通信', '传感器', '显示技术'],
  life_health: ['医疗器械', '数字医疗'],
  automobile: ['智能网联汽车', '动力电池'],
  high_end_equipment: ['机器人', '数控机床', '船舶海工'],
  advanced_materials: ['高分子材料', '碳纤维', '稀土材料'],
  fashion_consumer: ['工业设计', '品牌管理'],
  aerospace: ['航空发动机', '卫星导航'],
  new_energy: ['氢能', '光伏', '储能'],
};
const UNIVERSITIES = ['申江', '浦江', '东海', '春申', '淞沪', '临港'];
const DECLARED_REASONS = ['曾指导该单位项目', '亲属在该单位任职', '与其存在合作研发关系', '曾任该单位顾问'];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

function title(rng: Rng): string {
  let r = rng.next() * TITLE_TOTAL;
  for (const t of TITLES) {
    r -= t.weight;
    if (r < 0) return t.title;
  }
  return TITLES[0]?.title ?? '教授';
}

function day(year: number, rng: Rng): string {
  return `${year}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
}

function tagsOf(rng: Rng): string[] {
  const tags: string[] = [];
  const n = 1 + rng.int(3);
  while (tags.length < n) {
    const field = pick(rng, EXPERTISE_FIELDS);
    if (!tags.includes(field)) tags.push(field);
  }
  const free = FREE_TAGS[tags[0] ?? ''] ?? [];
  if (free.length > 0 && rng.next() < 0.7) tags.push(pick(rng, free));
  return tags;
}

/** `count` experts, the same for the same seed and organisations. */
export function syntheticExperts(options: SyntheticExpertOptions): ExpertFields[] {
  const rng = createRng(options.seed);
  const year = Number((options.asOf ?? '2025-01-01').slice(0, 4));
  const orgs = options.organisations;
  const names = new Set<string>();
  const experts: ExpertFields[] = [];
  for (let i = 0; i < options.count; i++) {
    let name = '';
    // Homonyms are real but confuse a demo: a third character resolves most clashes.
    for (let attempt = 0; attempt < 20 && (name === '' || names.has(name)); attempt++) {
      name = pick(rng, SURNAMES) + pick(rng, GIVEN) + (rng.next() < 0.6 || attempt > 2 ? pick(rng, GIVEN) : '');
    }
    names.add(name);
    const employer = orgs.length > 0 && rng.next() < 0.9 ? pick(rng, orgs) : undefined;
    const employment: ExpertEmployment[] = [];
    const past = orgs.length > 1 ? rng.int(3) : 0;
    let end = year - rng.int(6);
    for (let j = 0; j < past; j++) {
      const o = pick(rng, orgs);
      if (o.uscc === employer?.uscc || employment.some((e) => e.organisationUscc === o.uscc)) continue;
      const start = end - 2 - rng.int(8);
      employment.push({ organisationUscc: o.uscc, organisationName: o.name, from: day(start, rng), to: day(end, rng) });
      end = start - rng.int(2);
    }
    const shareholdings: Shareholding[] = orgs.length > 0 && rng.next() < 0.12
      ? [{ organisationUscc: pick(rng, orgs).uscc, percent: Math.round((0.5 + rng.next() * 19.5) * 10) / 10 }]
      : [];
    const declared: DeclaredConflict[] = orgs.length > 0 && rng.next() < 0.08
      ? [{ organisationUscc: pick(rng, orgs).uscc, personName: null, reason: pick(rng, DECLARED_REASONS) }]
      : [];
    const month = `${year}-${String(1 + rng.int(12)).padStart(2, '0')}`;
    const unavailable: DateRange[] = rng.next() < 0.15 ? [{ from: `${month}-01`, to: `${month}-28` }] : [];
    experts.push({
      name,
      professionalTitle: title(rng),
      employerUscc: employer?.uscc ?? null,
      employerName: employer?.name ?? `${pick(rng, UNIVERSITIES)}大学`,
      tags: tagsOf(rng),
      employment,
      shareholdings,
      declared,
      available: rng.next() >= 0.05,
      unavailable,
      phone: `1990${String(rng.int(10_000_000)).padStart(7, '0')}`,
      email: `expert${String(i + 1).padStart(4, '0')}@example.org`,
      userId: null,
    });
  }
  return experts;
}
