import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/base.css';
import '@/components/reading-aid-controls.css';
import './popup.css';
import { PopupApp } from './popup-app';

// Screen readers pick the voice from `lang`: say the UI's language, not the HTML file's.
document.documentElement.lang = browser.i18n.getUILanguage();
render(<PopupApp />, document.getElementById('app') as HTMLElement);
