package io.switchboard.query.conversation;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * Runs the several reads of one answer against one database snapshot (repeatable read), so a list row, its unread
 * count and its last message never mix states from before and after a projection batch.
 */
@Component
class ReadSnapshot {

    private final TransactionTemplate transaction;

    ReadSnapshot(PlatformTransactionManager transactionManager) {
        this.transaction = new TransactionTemplate(transactionManager);
        transaction.setReadOnly(true);
        transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    <T> T read(Supplier<T> reads) {
        return transaction.execute(status -> reads.get());
    }
}
