// The definition-set routes (issue 5 §2) and the statistics preview.
import { apiRequest, dossierApi } from '../../api';
import type { DossierStats } from '../../types';
import type { DefinitionSet, DefinitionSetList, DefinitionSetView } from './definitionTypes';

const enc = encodeURIComponent;

export const definitionsApi = {
  list(): Promise<DefinitionSetList> {
    return apiRequest('GET', '/api/dossiers/definitions');
  },
  get(code: string, version?: number): Promise<DefinitionSetView> {
    return apiRequest('GET', `/api/dossiers/definitions/${enc(code)}${version ? `?version=${version}` : ''}`);
  },
  save(code: string, set: Omit<DefinitionSet, 'code' | 'version'>): Promise<DefinitionSetView> {
    return apiRequest('PUT', `/api/dossiers/definitions/${enc(code)}`, set);
  },
  activate(code: string): Promise<DefinitionSetView> {
    return apiRequest('POST', `/api/dossiers/definitions/${enc(code)}/activate`);
  },
  preview(unit: string, year: number, code: string, version: number): Promise<DossierStats> {
    return dossierApi.stats({ unit, year, definition: `${code}@${version}` });
  },
};
