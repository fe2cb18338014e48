/**
 * The line join as a page script, for `line-join.e2e.ts`: bundled with esbuild and added to a
 * fixture page in a plain Chromium, so what a reader sees (layout, selection, find in page) is
 * checked in a real browser before the extension wires the feature in.
 */
import { findLineJoinRuns, LineJoiner } from '../../lib/dom/line-join';
import { collectTextBlocks } from '../../lib/dom/text-blocks';

const joiner = new LineJoiner(document);
(globalThis as { qingduLineJoin?: object }).qingduLineJoin = {
  join: () => joiner.join(findLineJoinRuns(collectTextBlocks(document.body))),
  restore: () => joiner.restoreAll(),
};
