import { registerMessages } from '../i18n/i18n.ts';
import { editor } from '../i18n/messages/editor.ts';

/** The editor's messages join the app's dictionary when the editor module is first imported. */
registerMessages(editor);
