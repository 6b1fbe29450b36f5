import { useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { downloadFile, downloadJson } from '../lib/download.js';
import { itemIdsIn, readableSections, toCsv, toHtml, type MachineExport } from '../lib/readable-export.js';
import { CATALOG_ITEMS, DATA_EXPORT } from './operations.js';
import { usePurposeTitles } from './use-purpose-titles.js';
import { useStrings } from '../i18n/locale.js';

export type ExportFormat = 'readable' | 'csv' | 'json';
const LOOKUP_CHUNK = 500;

/** Downloads everything we hold about the customer: readable (a web page), as CSV, or the complete JSON record. */
export function useDataExport() {
  const t = useStrings();
  const client = useClient();
  const purposeTitle = usePurposeTitles();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<CombinedError | string | null>(null);

  const productNames = async (ids: string[]): Promise<Map<string, string>> => {
    const names = new Map<string, string>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const result = await client.query(CATALOG_ITEMS, { ids: ids.slice(i, i + LOOKUP_CHUNK) }).toPromise();
      if (result.error) throw result.error;
      for (const item of (result.data as { catalogItems: { id: string; title: string; brand: string }[] }).catalogItems)
        names.set(item.id, t.exportFile.product(item.title, item.brand));
    }
    return names;
  };

  /** Answers whether the file was downloaded. */
  const download = async (format: ExportFormat): Promise<boolean> => {
    setBusy(format);
    setError(null);
    try {
      const result = await client.query(DATA_EXPORT, {}, { requestPolicy: 'network-only' }).toPromise();
      const exported = (result.data as { me: { id: string; dataExport: string } | null } | undefined)?.me;
      if (result.error || !exported) {
        setError(result.error ?? t.myData.signInAgain);
        return false;
      }
      const machine = JSON.parse(exported.dataExport) as MachineExport;
      const base = `my-data-${exported.id}`;
      if (format === 'json') {
        downloadJson(`${base}.json`, machine);
        return true;
      }
      const names = await productNames(itemIdsIn(machine));
      const sections = readableSections(t, machine, (id) => names.get(id) ?? t.exportFile.unknownProduct(id), purposeTitle);
      if (format === 'csv') downloadFile(`${base}.csv`, toCsv(t, sections), 'text/csv');
      else downloadFile(`${base}.html`, toHtml(t, machine, sections), 'text/html');
      return true;
    } catch (e) {
      setError(e as CombinedError);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return { download, busy, error };
}
