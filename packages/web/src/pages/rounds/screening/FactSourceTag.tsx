import type { FactSource } from '@keping/core';
import { Tag } from 'antd';

const COLOR: Record<FactSource, string> = { registry: 'blue', self_declared: 'orange', designation: 'purple' };

/** Where a fact came from (登记信息 / 申报单位自报 / 认定记录), as the server names it. */
export function FactSourceTag({ source, text, testId }: { source: FactSource; text: string; testId?: string | undefined }) {
  return <Tag color={COLOR[source]} style={{ marginInlineEnd: 0 }} data-testid={testId}>{text}</Tag>;
}
