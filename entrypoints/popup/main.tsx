import { render } from 'preact';
import '@/components/base.css';
import { PopupApp } from './popup-app';

render(<PopupApp />, document.getElementById('app') as HTMLElement);
