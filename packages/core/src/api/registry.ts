/** HTTP response shapes of the registry (企业库): one declaration for the server's answers and the web's reads. */
import type { OrganisationFields } from '../registry/organisation.js';
import type { IndustryGroup, TalentField } from '../registry/taxonomy.js';

/** An organisation of the registry as the API returns it: what was supplied and what is derived. */
export interface Organisation extends OrganisationFields {
  groups: IndustryGroup[];
  talentFields: TalentField[];
  derivedGroups: IndustryGroup[];
  derivedTalentFields: TalentField[];
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}
