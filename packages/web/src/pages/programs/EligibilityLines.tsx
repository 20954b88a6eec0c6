import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Explained } from '../../programTypes';
import { FactSourceTag } from '../rounds/screening/FactSourceTag';
import { VerdictTag } from './ProgramTags';

function Mark({ passed }: { passed: boolean | null }) {
  const [sign, color] = passed === true ? ['✓', '#389e0d'] : passed === false ? ['✗', '#cf1322'] : ['?', '#d46b08'];
  return <span aria-hidden style={{ color, fontWeight: 700, display: 'inline-block', width: 14 }}>{sign}</span>;
}

/** A verdict and the explanation of every rule behind it, indented as the rule set nests them. */
export function EligibilityLines({ result, testId, showVerdict = true }: { result: Explained; testId?: string; showVerdict?: boolean }) {
  const { t } = useTranslation();
  if (!result.ruleSet) {
    return <Typography.Text type="secondary" data-testid={testId}>{result.verdict ? <VerdictTag verdict={result.verdict} /> : t('eligibility.noRuleSet')}</Typography.Text>;
  }
  return (
    <div data-testid={testId}>
      {showVerdict && (
        <Space wrap style={{ marginBottom: 4 }}>
          <VerdictTag verdict={result.verdict} testId={testId ? `${testId}-verdict` : undefined} />
          <Typography.Text type="secondary">
            {t('eligibility.ruleSetAsOf', { ruleSet: result.ruleSet.label, asOf: result.asOf ?? '' })}
          </Typography.Text>
        </Space>
      )}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {result.lines.map((l, i) => (
          <li key={`${l.rule}-${i}`} style={{ paddingInlineStart: l.depth * 18 }} data-testid={testId ? `${testId}-line` : undefined}>
            <Space align="start" size={6}>
              <Mark passed={l.passed} />
              <span>
                {l.labelText && <Typography.Text strong>{l.labelText}: </Typography.Text>}
                {l.text}
                {/* Each fact the rule read, with where it came from. */}
                {l.sources?.map((s) => (
                  <span key={s.fact} style={{ marginInlineStart: 6 }}>
                    <FactSourceTag source={s.source} text={l.sources && l.sources.length > 1 ? `${s.factText}：${s.sourceText}` : s.sourceText}
                      testId={testId ? `${testId}-source-${s.fact}` : undefined} />
                  </span>
                ))}
              </span>
            </Space>
          </li>
        ))}
      </ul>
      {result.missing.length > 0 && (
        <Typography.Text type="warning">{t('eligibility.missing', { facts: result.missing.join(', ') })}</Typography.Text>
      )}
    </div>
  );
}
