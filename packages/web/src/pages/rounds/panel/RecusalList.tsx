import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PanelRecusalView } from '../../../scoringTypes';

/** Who stands down from which entry (回避), and why: for the office and the chair. */
export function RecusalList({ recusals }: { recusals: PanelRecusalView[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={recusals}
      data-testid="panel-recusals"
      renderItem={(r) => (
        <List.Item data-testid={`recusal-${r.applicationId}-${r.expertId}`}>
          <Typography.Text>
            {t('panelRound.recusalLine', { expert: r.expertName, id: r.applicationId })} <Tag color="orange">{t(`panelRound.recusedTag.${r.source}`)}</Tag>
            <Typography.Text type="secondary">{r.reason}</Typography.Text>
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
