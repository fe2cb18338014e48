import type { TabStatus } from '@/lib/messaging';

/** What each of the popup's panels gets: the tab it controls, its status, and a way to report the tab's answer. */
export interface TabPanelProps {
  tabId: number;
  status: TabStatus;
  onStatus: (next: TabStatus) => void;
}
