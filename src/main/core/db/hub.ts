/**
 * The office hub, as the rest of the core sees it (DESIGN.md, "Office
 * scale"): the server a hub runs, and what a PC does with it beyond the
 * domain tables (enrolment, the shared key file, staff login roles). The
 * PostgreSQL side lives in db/postgres/hub-*.ts; this file is the one door
 * to it besides db/dialects.ts.
 */
export * from './hub-types';
export { startHubServer, ensureHubDatabase, prepareHubDatabase, setEnrolmentToken, connectedClients, loginHasPassword, setLoginAsOwner, ownerKeyFile, dropDatabase, followAccounts, endBarredSessions, scratchDatabases, ownerClientConfig } from './postgres/hub-server';
export { applyHubRights, GROUP_OF, STAFF_GROUP, ENROL_ROLE } from './postgres/hub-rights';
export { fetchCertificateChain, redeemEnrolment, readKeyFile, writeKeyFile, setLogin, clientConfig, hubErrorOf } from './postgres/hub-client';
export { bulkLoad } from './postgres/bulk-load';
