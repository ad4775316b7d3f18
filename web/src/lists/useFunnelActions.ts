import { useQueryClient } from '@tanstack/react-query';
import type { FunnelDto } from '../../../shared/api/types.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { api } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { errorStatus, errorText } from './errors.ts';
import { copyFunnel, downloadJson } from './funnelTemplates.ts';
import { uniqueId } from './slug.ts';
import { useToasts } from './toast.tsx';

/** Duplicate, import, export and delete funnels; each refreshes the list and reports by toast. */
export function useFunnelActions(funnels: FunnelDto[]) {
  const { t } = useT();
  const qc = useQueryClient();
  const push = useToasts((s) => s.push);
  const refresh = () => qc.invalidateQueries({ queryKey: ['funnels'] });
  // «Воронка (копия)», then «Воронка (копия 2)»…: two copies are told apart in the list
  const copyName = (name: string) => {
    const taken = new Set(funnels.map((x) => x.name));
    const first = `${name}${t('fl.copySuffix')}`;
    if (!taken.has(first)) return first;
    for (let n = 2; ; n++) {
      const next = `${name}${t('fl.copySuffixN', { n })}`;
      if (!taken.has(next)) return next;
    }
  };

  return {
    refresh,

    async duplicate(f: FunnelDto) {
      const id = uniqueId(`${f.id}-copy`, new Set(funnels.map((x) => x.id)));
      try {
        const name = copyName(f.name);
        await api.createFunnel(copyFunnel(f.draft, id, name));
        push(t('fl.duplicated', { name, id }));
      } catch (e) {
        push(errorText(e), 'err');
      }
      await refresh();
    },

    /** Reads a funnel@1 file and creates it; the server checks it and names what is wrong. */
    async importFile(file: File): Promise<string | null> {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        return t('fl.import.notJson', { file: file.name });
      }
      try {
        const f = await api.createFunnel(parsed as Funnel);
        push(t('fl.import.done', { name: f.name }));
        await refresh();
        return null;
      } catch (e) {
        if (errorStatus(e) !== 409) return t('fl.import.failed', { file: file.name, error: errorText(e) });
        // the id is taken (e.g. a file exported from this workspace): import it as a copy beside it
        const f = parsed as Funnel;
        const id = uniqueId(`${f.id}-copy`, new Set(funnels.map((x) => x.id)));
        try {
          const copy = await api.createFunnel(copyFunnel(f, id, copyName(f.name)));
          push(t('fl.import.asCopy', { name: copy.name, id: f.id, copy: id }));
          await refresh();
          return null;
        } catch (e2) {
          return t('fl.import.failed', { file: file.name, error: errorText(e2) });
        }
      }
    },

    export(f: FunnelDto) {
      downloadJson(f.draft, `${f.id}.json`);
    },

    /** Deletes the funnel; returns the server's message when it refuses (409: contacts still in it). */
    async remove(f: FunnelDto): Promise<string | null> {
      try {
        await api.deleteFunnel(f.id);
        push(t('fl.deleted', { name: f.name }));
        await refresh();
        return null;
      } catch (e) {
        return errorStatus(e) === 409 ? t('fl.delete.busy', { error: errorText(e) }) : errorText(e);
      }
    },
  };
}
