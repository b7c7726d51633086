// The KPI routes (issue 5 §4).
import { apiRequest, currentCsrfToken, errorFromResponse, ApiError } from '../../api';
import type {
  KpiIndicator, KpiOverview, KpiRules, KpiScope, KpiSuggestions, UnitKpis, KpiComparator,
} from './kpiTypes';

const enc = encodeURIComponent;

export interface TargetInput {
  comparator: KpiComparator;
  value: number;
  scope: KpiScope;
  note: string;
}

export interface ActualInput {
  value: number;
  date: string;
  note: string;
  evidence: string[];
}

export const kpiApi = {
  async catalogue(): Promise<KpiIndicator[]> {
    return (await apiRequest<{ kpis: KpiIndicator[] }>('GET', '/api/kpis')).kpis;
  },
  saveIndicator(code: string, indicator: Omit<KpiIndicator, 'code' | 'version'>): Promise<KpiIndicator> {
    return apiRequest('PUT', `/api/kpis/${enc(code)}`, indicator);
  },
  unitKpis(unit: string, year: number): Promise<UnitKpis> {
    return apiRequest('GET', `/api/units/${enc(unit)}/kpis?year=${year}`);
  },
  saveTarget(unit: string, year: number, kpi: string, target: TargetInput): Promise<unknown> {
    return apiRequest('PUT', `/api/units/${enc(unit)}/kpis/${enc(kpi)}?year=${year}`, target);
  },
  addActual(unit: string, year: number, kpi: string, actual: ActualInput): Promise<unknown> {
    return apiRequest('POST', `/api/units/${enc(unit)}/kpis/${enc(kpi)}/actuals?year=${year}`, actual);
  },
  overview(year: number): Promise<KpiOverview> {
    return apiRequest('GET', `/api/kpis/overview?year=${year}`);
  },
  rules(framework: string, version: number): Promise<KpiRules> {
    return apiRequest('GET', `/api/frameworks/${enc(framework)}/versions/${version}/kpi-rules`);
  },
  async suggestions(unit: string, year: number): Promise<KpiSuggestions | null> {
    try {
      return await apiRequest<KpiSuggestions>('GET', `/api/units/${enc(unit)}/assessments/${year}/suggestions`);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
      throw error;
    }
  },
};

/** Uploads an evidence file of a manual actual as the raw body; answers the stored file's sha256. */
export function uploadKpiEvidence(unit: string, year: number, kpi: string, file: File, onProgress: (percent: number) => void): Promise<{ sha256: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/units/${enc(unit)}/kpis/${enc(kpi)}/evidence?year=${year}&file=${enc(file.name)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', enc(file.name));
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(JSON.parse(xhr.responseText) as { sha256: string });
      } else reject(errorFromResponse(xhr.status, xhr.statusText, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Không kết nối được tới máy chủ ParIndex.'));
    xhr.send(file);
  });
}
