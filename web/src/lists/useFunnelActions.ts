import { useQueryClient } from '@tanstack/react-query';
import type { FunnelDto } from '../../../shared/api/types.ts';
import type { Funnel } from '../../../shared/format/funnel.ts';
import { SCENARIO_FORMAT } from '../../../shared/format/scenario.ts';
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

  /** Creates one funnel from a file: its id (a copy's, when the id was taken), or why not. */
  const createOne = async (file: File, parsed: Funnel): Promise<{ id: string } | { error: string }> => {
    try {
      const f = await api.createFunnel(parsed);
      push(t('fl.import.done', { name: f.name }));
      return { id: f.id };
    } catch (e) {
      if (errorStatus(e) !== 409) return { error: t('fl.import.failed', { file: file.name, error: errorText(e) }) };
      // the id is taken (e.g. a file exported from this workspace): import it as a copy beside it
      const id = uniqueId(`${parsed.id}-copy`, new Set(funnels.map((x) => x.id)));
      try {
        const copy = await api.createFunnel(copyFunnel(parsed, id, copyName(parsed.name)));
        push(t('fl.import.asCopy', { name: copy.name, id: parsed.id, copy: id }));
        return { id };
      } catch (e2) {
        return { error: t('fl.import.failed', { file: file.name, error: errorText(e2) }) };
      }
    }
  };

  return {
    refresh,

    async duplicate(f: FunnelDto) {
      const id = uniqueId(`${f.id}-copy`, new Set(funnels.map((x) => x.id)));
      try {
        const name = copyName(f.name);
        await api.createFunnel(copyFunnel(f.draft, id, name));
        // the copy is checked by the same saved scenarios (each now names the copy)
        const scenarios = f.scenarios as { funnel?: unknown }[];
        if (scenarios.length) await api.saveScenarios(id, scenarios.map((x) => ({ ...x, funnel: id })) as never);
        push(t(scenarios.length ? 'fl.duplicatedWithScenarios' : 'fl.duplicated', { name, id, n: scenarios.length }));
      } catch (e) {
        push(errorText(e), 'err');
      }
      await refresh();
    },

    /** Reads a funnel@1 file and creates it; the server checks it and names what is wrong. */
    /**
     * Reads files chosen together: funnel@1 files are created (a taken id as a copy beside it), and
     * scenario files (`<id>.scenarios.json`: scenario@1 documents, one or a list) are stored with the
     * funnel they name — the one just imported from the same choice, else one already here.
     */
    async importFiles(files: File[]): Promise<string | null> {
      const read: { file: File; json: unknown }[] = [];
      for (const file of files) {
        try {
          read.push({ file, json: JSON.parse(await file.text()) });
        } catch {
          return t('fl.import.notJson', { file: file.name });
        }
      }
      const isScenarios = (x: unknown) => Array.isArray(x) || (typeof x === 'object' && x !== null && (x as { format?: unknown }).format === SCENARIO_FORMAT);
      // a funnel imported as a copy takes its scenarios along under its new id
      const renamed = new Map<string, string>();
      for (const { file, json } of read.filter((r) => !isScenarios(r.json))) {
        const made = await createOne(file, json as Funnel);
        if ('error' in made) {
          await refresh();
          return made.error;
        }
        renamed.set((json as Funnel).id, made.id);
      }
      for (const { file, json } of read.filter((r) => isScenarios(r.json))) {
        const list = (Array.isArray(json) ? json : [json]) as { funnel?: unknown }[];
        const target = typeof list[0]?.funnel === 'string' ? list[0].funnel : '';
        const id = renamed.get(target) ?? target;
        try {
          const saved = await api.saveScenarios(id, list.map((x) => ({ ...x, funnel: id })) as never);
          push(t('fl.import.scenarios', { n: list.length, name: saved.name }));
        } catch (e) {
          return t('fl.import.failed', { file: file.name, error: errorStatus(e) === 404 ? t('fl.import.noFunnel', { id: target }) : errorText(e) });
        }
      }
      await refresh();
      return null;
    },

    /** The funnel's saved QA scenarios as `<id>.scenarios.json` (scenario@1 documents), to import with it elsewhere. */
    exportScenarios(f: FunnelDto) {
      downloadJson(f.scenarios, `${f.id}.scenarios.json`);
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
