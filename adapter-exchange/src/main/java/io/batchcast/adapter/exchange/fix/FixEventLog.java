package io.batchcast.adapter.exchange.fix;

import java.lang.System.Logger.Level;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * QuickFIX/J's session log on the platform logger (java.util.logging in the gateway): session events (connects,
 * logons, resends, sequence resets) at INFO, errors at WARNING, and every message in and out only at TRACE, so a busy
 * session does not fill the log. Logger {@code io.batchcast.fix.<SenderCompID>-<TargetCompID>}.
 */
public final class FixEventLog implements LogFactory {

    @Override
    public Log create(SessionID sessionID) {
        System.Logger logger = System.getLogger("io.batchcast.fix." + sessionID.getSenderCompID() + "-"
                + sessionID.getTargetCompID());
        return new Log() {
            @Override
            public void clear() {
            }

            @Override
            public void onIncoming(String message) {
                if (logger.isLoggable(Level.TRACE)) {
                    logger.log(Level.TRACE, "in:  " + message.replace('\u0001', '|'));
                }
            }

            @Override
            public void onOutgoing(String message) {
                if (logger.isLoggable(Level.TRACE)) {
                    logger.log(Level.TRACE, "out: " + message.replace('\u0001', '|'));
                }
            }

            @Override
            public void onEvent(String text) {
                logger.log(Level.INFO, sessionID + ": " + text);
            }

            @Override
            public void onErrorEvent(String text) {
                logger.log(Level.WARNING, sessionID + ": " + text);
            }
        };
    }
}
