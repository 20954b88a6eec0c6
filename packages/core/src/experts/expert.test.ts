import { describe, expect, it } from 'vitest';
import { expertConflicts } from './expert-conflicts.js';
import { type ExpertFields, isAvailableOn, normaliseTag, validateExpert } from './expert.js';

const A = '91310115798931231K';
const B = '91350100M000100Y43';

function valid(input: Parameters<typeof validateExpert>[0]): ExpertFields {
  const result = validateExpert(input);
  if (!result.value) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('validateExpert', () => {
  it('normalises tags, codes, shareholdings from a cell, e-mail and dates', () => {
    const e = valid({
      name: '  王  建国 ', professionalTitle: '教授', employerUscc: ` ${A.toLowerCase()} `, tags: '集成电路、 Software；芯片设计,ic',
      shareholdings: `${A}:5%; ${B}（12.5）`, email: 'Wang@Example.ORG', phone: '13800138000',
      employment: [{ organisationName: '某研究院', from: '2010/3/1', to: '2015-06-30' }],
      unavailable: [{ from: '2026-03-01', to: '2026-03-10' }, { from: '2026-01-01', to: '2026-01-05' }],
    });
    expect(e.name).toBe('王 建国');
    expect(e.employerUscc).toBe(A);
    expect(e.tags).toEqual(['ic', 'software', '芯片设计']);
    expect(e.shareholdings).toEqual([{ organisationUscc: A, percent: 5 }, { organisationUscc: B, percent: 12.5 }]);
    expect(e.email).toBe('wang@example.org');
    expect(e.employment).toEqual([{ organisationUscc: null, organisationName: '某研究院', from: '2010-03-01', to: '2015-06-30' }]);
    expect(e.unavailable.map((r) => r.from)).toEqual(['2026-01-01', '2026-03-01']);
    expect(e.available).toBe(true);
    expect(isAvailableOn(e, '2026-03-05')).toBe(false);
    expect(isAvailableOn(e, '2026-03-11')).toBe(true);
    expect(normaliseTag('Artificial intelligence')).toBe('ai');
  });

  it('names every bad field with its code', () => {
    const result = validateExpert({
      name: '', employerUscc: `${A.slice(0, 17)}0`, email: 'nope', phone: 'call me',
      shareholdings: [{ organisationUscc: A, percent: 150 }, { organisationUscc: '' }],
      employment: [{ from: '2020-01-01', to: '2019-01-01' }],
      declared: [{ reason: '' }],
      unavailable: [{ from: '2026-02-30', to: '' }],
    });
    expect(result.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'declared.0.organisationUscc:EXPERT_CONFLICT_TARGET_REQUIRED',
      'declared.0.reason:REQUIRED',
      'email:EMAIL_FORMAT',
      'employerUscc:USCC_CHECK_CHARACTER',
      'employment.0.organisationName:EXPERT_ORGANISATION_REQUIRED',
      'employment.0.to:EXPERT_DATE_RANGE',
      'name:REQUIRED',
      'phone:PHONE_FORMAT',
      'shareholdings.0.percent:EXPERT_PERCENT_RANGE',
      'shareholdings.1.organisationUscc:REQUIRED',
      'unavailable.0.from:DATE_FORMAT',
      'unavailable.0.to:REQUIRED',
    ]);
    const cell = validateExpert({ name: 'x', shareholdings: `${A}:5%、not-a-code` });
    expect(cell.errors).toEqual([{ code: 'EXPERT_SHAREHOLDING_FORMAT', field: 'shareholdings', params: { value: 'not-a-code' } }]);
  });
});

describe('expertConflicts', () => {
  const expert = (id: string, f: Parameters<typeof validateExpert>[0]) => ({ id, fields: valid(f) });
  it('finds employer, past employer in the window, shareholding and declared conflicts, with the declared reason', () => {
    const report = expertConflicts({
      asOf: '2026-11-25',
      subjects: [{ uscc: A, name: '甲公司', people: ['李 四'] }, { uscc: B, name: '乙公司' }],
      experts: [
        expert('1', { name: '张三', employerUscc: A }),
        expert('2', { name: '王五', employerName: '乙公司' }),
        expert('3', { name: '赵六', employment: [{ organisationUscc: B, from: '2015-01-01', to: '2024-01-01' }, { organisationUscc: A, to: '2020-01-01' }] }),
        expert('4', { name: '钱七', shareholdings: `${B}:3%` }),
        expert('5', { name: '孙八', declared: [{ personName: '李四', reason: '师生关系' }, { organisationUscc: B, reason: '曾任顾问' }] }),
        expert('6', { name: '李四' }),
      ],
    });
    expect(report.errors).toEqual([]);
    expect(report.formerEmployerSince).toBe('2023-11-25');
    const summary = report.conflicts.map((c) => `${c.expert}×${c.subject}:${c.causes.map((x) => x.reason).join('+')}`);
    expect(summary).toEqual([
      `1×${A}:same_organisation`, `2×${B}:same_organisation`, `3×${B}:former_employer`, `4×${B}:shareholding`,
      `5×${A}:declared`, `5×${B}:declared`, `6×${A}:named_person`,
    ]);
    const declared = report.conflicts.filter((c) => c.expert === '5').map((c) => c.causes[0]?.declaredReason);
    expect(declared).toEqual(['师生关系', '曾任顾问']);
  });
});
