package io.batchcast.adapter.exchange.fix;

import java.lang.System.Logger.Level;
import quickfix.Application;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.fix44.MessageCracker;

/**
 * The session callbacks both ends of our FIX sessions share (the gateway's initiator and the paper venue's acceptor):
 * logons and logouts are logged, session-level messages need nothing of the application. Subclasses handle the
 * application messages.
 */
public abstract class LoggedSessionApplication extends MessageCracker implements Application {

    private static final System.Logger LOG = System.getLogger(LoggedSessionApplication.class.getName());

    @Override
    public void onCreate(SessionID sessionId) {
    }

    @Override
    public void onLogon(SessionID sessionId) {
        LOG.log(Level.INFO, "FIX session " + sessionId + " logged on");
    }

    @Override
    public void onLogout(SessionID sessionId) {
        LOG.log(Level.INFO, "FIX session " + sessionId + " logged out");
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) {
    }
}
