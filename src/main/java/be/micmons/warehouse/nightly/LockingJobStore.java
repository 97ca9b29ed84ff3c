package be.micmons.warehouse.nightly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.quartz.JobPersistenceException;
import org.quartz.SchedulerConfigException;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.SchedulerSignaler;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's clustered job store, with Quartz's row locks made to hold outside a Spring transaction.
 *
 * <p>{@link LocalDataSourceJobStore} is a container-managed store: it takes Quartz's
 * {@code TRIGGER_ACCESS} row lock on the caller's connection and expects the caller's transaction
 * to keep it. Camel's quartz component schedules, reschedules, pauses and deletes its jobs without
 * one, so each statement committed on its own and the lock was gone before the job was written.
 * Found by the fault campaign: two instances starting together on a new warehouse both saw no
 * {@code nightly} job and both inserted it; the second died while starting with a duplicate key
 * on {@code qrtz_job_details}. Outside a Spring transaction every locked operation now runs as
 * Quartz's own {@code JobStoreTX} runs it (lock, work and commit in one transaction), so the second
 * instance waits for the lock, finds the job there and uses it.
 *
 * <p>The lock rows are written once at start: on an empty {@code qrtz_locks} two instances would
 * insert the same row and one would fail (PostgreSQL aborts its transaction, Quartz's retry cannot
 * recover).
 */
public class LockingJobStore extends LocalDataSourceJobStore {

    @Override
    public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
        super.initialize(loadHelper, signaler);
        try {
            insertLockRows();
        } catch (JobPersistenceException | SQLException e) {
            throw new SchedulerConfigException("Could not write Quartz's lock rows in the warehouse", e);
        }
    }

    @Override
    protected Object executeInLock(String lockName, TransactionCallback txCallback) throws JobPersistenceException {
        if (lockName == null || TransactionSynchronizationManager.isActualTransactionActive()) {
            return super.executeInLock(lockName, txCallback);
        }
        return executeInNonManagedTXLock(lockName, txCallback, null);
    }

    private void insertLockRows() throws JobPersistenceException, SQLException {
        Connection c = getNonManagedTXConnection();
        try (PreparedStatement ps = c.prepareStatement("insert into " + getTablePrefix()
                + "locks (sched_name, lock_name) values (?, 'TRIGGER_ACCESS'), (?, 'STATE_ACCESS') on conflict do nothing")) {
            ps.setString(1, getInstanceName());
            ps.setString(2, getInstanceName());
            ps.executeUpdate();
            c.commit();
        } finally {
            cleanupConnection(c);
        }
    }
}
