import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/base.css';
import '@/components/options/options.css';
import { OptionsApp } from './options-app';

// The page is written in the browser's UI language; say so for screen readers and fonts.
document.documentElement.lang = browser.i18n.getUILanguage();
render(<OptionsApp />, document.getElementById('app') as HTMLElement);
