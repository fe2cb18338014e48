import { i18n } from '#i18n';
import type { SettingsProblem } from '@/lib/settings';
import { describeRepairs } from './labels';

function describeProblem(problem: SettingsProblem): string {
  switch (problem.kind) {
    case 'sync-quota':
      return i18n.t('options.banner.syncQuota');
    case 'sync-rate':
      return i18n.t('options.banner.syncRate');
    case 'sync-unavailable':
      return i18n.t('options.banner.syncUnavailable');
    case 'unavailable':
      return i18n.t('options.banner.unavailable', [problem.detail]);
    case 'repaired':
      if (problem.repairs.some((repair) => repair.path === '')) return i18n.t('options.banner.repairedWhole');
      return i18n.t('options.banner.repaired', [describeRepairs(problem.repairs)]);
  }
}

/** Tells the reader when their settings are not where or what they expect. */
export function StorageBanner({ problems }: { problems: readonly SettingsProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="qd-banner" role="alert" data-testid="storage-banner">
      {problems.map((problem) => (
        <p key={problem.kind} data-problem={problem.kind}>
          {describeProblem(problem)}
        </p>
      ))}
    </div>
  );
}
