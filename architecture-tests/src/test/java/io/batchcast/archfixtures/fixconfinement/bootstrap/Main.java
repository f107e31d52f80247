package io.batchcast.archfixtures.fixconfinement.bootstrap;

import quickfix.SessionSettings;

/** Planted: the composition root building QuickFIX/J settings instead of handing the adapter a settings record. */
public final class Main {

    SessionSettings settings;
}
