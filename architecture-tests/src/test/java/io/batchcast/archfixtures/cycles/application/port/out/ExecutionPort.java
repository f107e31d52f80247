package io.batchcast.archfixtures.cycles.application.port.out;

import io.batchcast.archfixtures.cycles.application.port.in.SubmitBatchCommand;

/** Planted (with SubmitBatchCommand): the outgoing port takes the incoming command. */
public interface ExecutionPort {

    void execute(SubmitBatchCommand command);
}
