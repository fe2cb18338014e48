/**
 * Reading aids and the reader's settings, content script side: site rules ("always on this site")
 * switch the aids on as a page loads and live when the rules change.
 */
import type { ReadingAidController } from '@/lib/features/reading-aid-controller';
import type { PageSettings } from '@/lib/messaging';

/**
 * Apply page settings to this frame's reading aids. A site rule's value is applied when it
 * differs from what it was at the last look, so a reader who switched an aid from the popup is
 * not overruled by an unrelated settings change. Returns the function to call with each new look.
 */
export function createReadingAidSettingsFollower(controller: ReadingAidController): (page: PageSettings) => void {
  let last: { pinyin: boolean; conversion: string } | undefined;
  return ({ site, readingAids }) => {
    controller.configure('pinyin', readingAids.pinyin);
    controller.configure('conversion', readingAids.conversion);
    if (last?.pinyin !== site.pinyin && (site.pinyin || last !== undefined)) {
      void controller.set({ name: 'pinyin', enabled: site.pinyin });
    }
    if (last?.conversion !== site.conversion && (site.conversion !== 'off' || last !== undefined)) {
      void controller.set({ name: 'conversion', enabled: site.conversion !== 'off' });
    }
    last = { pinyin: site.pinyin, conversion: site.conversion };
  };
}
