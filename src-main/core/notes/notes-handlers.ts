import { breakGlassHandlers } from '../access/break-glass-handlers';
import { sessionCall, type CallContext, type PartialHandlerMap } from '../handler-types';
import {
  addAddendum,
  cosignNote,
  cosignQueue,
  createNote,
  myOpenNotes,
  readCaseNotes,
  readNote,
  requireNote,
  signNote,
  unlockNote,
  updateNote,
} from './note-service';
import { readNoteTemplate, writeNoteTemplate } from './note-template';
import { toNotes, toSummaries, type NoteRow } from './note-views';

type NoteChannelNames =
  | 'notes.list'
  | 'notes.get'
  | 'notes.create'
  | 'notes.update'
  | 'notes.sign'
  | 'notes.cosign'
  | 'notes.addAddendum'
  | 'notes.unlock'
  | 'notes.cosignQueue'
  | 'notes.mine'
  | 'notes.getTemplate'
  | 'notes.setTemplate';

/** After a write, the writer gets the note back as it now stands (they are its author or the director). */
function view(ctx: CallContext, row: NoteRow) {
  const { db } = ctx.vault.requireStore();
  return toNotes(db, [requireNote(db, row.id)], ctx.clock.now())[0];
}

export const notesHandlers: PartialHandlerMap<NoteChannelNames> & typeof breakGlassHandlers = {
  'notes.list': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return toNotes(store.db, readCaseNotes(store, session, input.caseId, input.breakGlassReason, now), now);
  },
  'notes.get': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return toNotes(store.db, [readNote(store, session, input.id, input.breakGlassReason, now)], now)[0];
  },
  'notes.create': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return view(ctx, createNote(store, session, input, now));
  },
  'notes.update': (ctx, { id, ...patch }) => {
    const { store, session, now } = sessionCall(ctx);
    return view(ctx, updateNote(store, session, id, patch, now));
  },
  'notes.sign': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return view(ctx, signNote(store, session, input.id, now));
  },
  'notes.cosign': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return view(ctx, cosignNote(store, session, input.id, now));
  },
  'notes.addAddendum': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return view(ctx, addAddendum(store, session, input.id, input.body, now));
  },
  'notes.unlock': (ctx, input) => {
    const { store, session, now } = sessionCall(ctx);
    return view(ctx, unlockNote(store, session, input.id, input.reason, now));
  },
  'notes.cosignQueue': (ctx) => {
    const { store, session, now } = sessionCall(ctx);
    return toSummaries(store.db, cosignQueue(store.db, session), now);
  },
  'notes.mine': (ctx) => {
    const { store, session, now } = sessionCall(ctx);
    return toSummaries(store.db, myOpenNotes(store.db, session), now);
  },
  'notes.getTemplate': ({ vault }) => readNoteTemplate(vault.requireStore().db),
  'notes.setTemplate': ({ vault }, input) => vault.requireStore().uow.run(vault.actor(), (tx) => writeNoteTemplate(tx, input, vault.now())),
  ...breakGlassHandlers,
};
