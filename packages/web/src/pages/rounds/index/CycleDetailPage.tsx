import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { CycleView } from './CycleView';

/** A TOP100 cycle under the TOP100 menu: /top100/:id/:tab. */
export function CycleDetailPage() {
  const { id: rawId = '', tab } = useParams();
  const id = Number(rawId);
  const { t } = useTranslation();
  const navigate = useNavigate();
  return <CycleView id={id} tab={tab} onTab={(key) => navigate(`/top100/${id}/${key}`)} back={<Link to="/top100">{t('cycle.backToList')}</Link>} />;
}
