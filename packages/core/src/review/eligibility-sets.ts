/**
 * Rule sets shipped as data: the key-industry talent award (重点产业领域人才专项奖励), enterprise side,
 * in its 2024 draft and in the rules it replaced. Amounts are in CNY (元); rates are fractions.
 */
import { KepingError } from '../errors.js';
import { TALENT_FIELDS } from '../registry/taxonomy.js';
import type { Rule, RuleSet } from './eligibility-rules.js';

/** Chinese names of the 8 key fields, accepted as field values. */
export const TALENT_FIELD_ALIASES: Readonly<Record<string, string>> = {
  集成电路: 'ic',
  生物医药: 'biomedicine',
  人工智能: 'ai',
  软件: 'software',
  高端装备: 'high_end_equipment',
  航空航天: 'aerospace',
  先进材料: 'advanced_materials',
  新能源: 'new_energy',
};

const field: Rule = {
  id: 'field',
  label: 'review.rule.field',
  kind: 'in',
  fact: 'field',
  values: [...TALENT_FIELDS],
  aliases: { ...TALENT_FIELD_ALIASES },
};

const established = (years: number): Rule => ({
  id: 'established',
  label: 'review.rule.established',
  kind: 'compare',
  value: { ageOf: 'established' },
  op: '>=',
  threshold: years,
});

/** R&D present and positive in each of the three full years before the as-of year, growing ≥ 5 % a year. */
const growthPath: Rule = {
  id: 'rd_growth_path',
  label: 'review.rule.rdGrowthPath',
  kind: 'all',
  rules: [
    { id: 'rd_each_year', label: 'review.rule.rdEachYear', kind: 'positive_series', series: 'rd', from: -3, to: -1 },
    { id: 'rd_growth', label: 'review.rule.rdGrowth', kind: 'growth', series: 'rd', from: -3, to: -1, op: '>=', rate: '0.05' },
  ],
};

/** R&D of the last full year ≥ 30 million CNY with R&D intensity (R&D / revenue) ≥ 3 %. */
const amountPath: Rule = {
  id: 'rd_amount_path',
  label: 'review.rule.rdAmountPath',
  kind: 'all',
  rules: [
    {
      id: 'rd_amount', label: 'review.rule.rdAmount', kind: 'compare',
      value: { series: 'rd', offset: -1 }, op: '>=', threshold: '30000000',
    },
    {
      id: 'rd_intensity', label: 'review.rule.rdIntensity', kind: 'compare',
      value: { ratio: [{ series: 'rd', offset: -1 }, { series: 'revenue', offset: -1 }] }, op: '>=', threshold: '0.03',
    },
  ],
};

/** 2024 draft: established ≥ 1 year; growth path or amount path. */
export const TALENT_2024: RuleSet = {
  id: 'talent-2024',
  version: 1,
  label: 'review.ruleSet.talent-2024',
  rule: {
    id: 'talent_2024',
    kind: 'all',
    rules: [field, established(1), { id: 'rd', label: 'review.rule.rd', kind: 'any', rules: [growthPath, amountPath] }],
  },
};

/** The rules before the 2024 draft: established ≥ 2 years; the growth path only. */
export const TALENT_PRIOR: RuleSet = {
  id: 'talent-prior',
  version: 1,
  label: 'review.ruleSet.talent-prior',
  rule: { id: 'talent_prior', kind: 'all', rules: [field, established(2), growthPath] },
};

/**
 * The trade union's 2019 innovation competition (立功竞赛): achievements of units in the three
 * leading industries (集成电路, 人工智能, 生物医药), from units established at least a year.
 */
export const COMPETITION_2019: RuleSet = {
  id: 'competition-2019',
  version: 1,
  label: 'review.ruleSet.competition-2019',
  rule: {
    id: 'competition_2019',
    kind: 'all',
    rules: [
      { id: 'leading_industry', label: 'review.rule.leadingIndustry', kind: 'in', fact: 'field', values: ['ic', 'ai', 'biomedicine'], aliases: { 集成电路: 'ic', 人工智能: 'ai', 生物医药: 'biomedicine' } },
      established(1),
    ],
  },
};

/**
 * Recommendation for a national enterprise technology center (国家企业技术中心推荐): the enterprise
 * holds a municipal center on the as-of day and has had none revoked in the last three years.
 * Reads the designation facts the registry derives from each designation's dated history.
 */
export const TECH_CENTER_NATIONAL: RuleSet = {
  id: 'tech-center-national',
  version: 1,
  label: 'review.ruleSet.tech-center-national',
  rule: {
    id: 'tech_center_national',
    kind: 'all',
    rules: [
      { id: 'municipal_center', label: 'review.rule.municipalCenter', kind: 'in', fact: 'designation.tech_center', values: ['municipal'] },
      {
        id: 'no_recent_revocation', label: 'review.rule.noRecentRevocation', kind: 'any',
        rules: [
          { id: 'never_revoked', label: 'review.rule.neverRevoked', kind: 'in', fact: 'designation.tech_center.revoked', values: ['no'] },
          { id: 'revoked_long_ago', label: 'review.rule.revokedLongAgo', kind: 'compare', value: { fact: 'designation.tech_center.revokedWithinYears' }, op: '>=', threshold: 3 },
        ],
      },
    ],
  },
};

export const RULE_SETS: Readonly<Record<string, RuleSet>> = {
  [TALENT_2024.id]: TALENT_2024,
  [TALENT_PRIOR.id]: TALENT_PRIOR,
  [COMPETITION_2019.id]: COMPETITION_2019,
  [TECH_CENTER_NATIONAL.id]: TECH_CENTER_NATIONAL,
};

/** The shipped rule set with this id; throws KepingError RULE_SET_UNKNOWN naming the known ids. */
export function getRuleSet(id: string): RuleSet {
  const set = Object.hasOwn(RULE_SETS, id) ? RULE_SETS[id] : undefined;
  if (!set) {
    throw new KepingError('RULE_SET_UNKNOWN', { field: 'rules', params: { id, known: Object.keys(RULE_SETS).join(', ') }, status: 404 });
  }
  return set;
}
