import { useCallback } from 'react';
import { useQuery } from 'urql';
import { purposeName } from '../lib/format.js';
import { PURPOSE_TITLES } from './operations.js';
import { useStrings } from '../i18n/locale.js';

interface PurposeNotice {
  id: string;
  notice: { title: string; dataCategories: string[] };
}

/** Each purpose's current notice: its title (the one name for it on every page) and the data it covers. */
export function usePurposeNotices() {
  const t = useStrings();
  const [result] = useQuery<{ purposes: PurposeNotice[] }>({ query: PURPOSE_TITLES });
  const purposes = result.data?.purposes;
  const title = useCallback(
    (purpose: string | null | undefined) => purposes?.find((p) => p.id === purpose)?.notice.title ?? purposeName(t, purpose),
    [purposes, t],
  );
  const dataCategories = useCallback(
    (purpose: string | null | undefined) => purposes?.find((p) => p.id === purpose)?.notice.dataCategories ?? [],
    [purposes],
  );
  return { title, dataCategories };
}

export const usePurposeTitles = () => usePurposeNotices().title;
