/** Where the accounts and audit pages live (the sub-app is mounted at /console/admin). */
import { ADMIN_HOME } from '../views/layout';

export const ACCOUNTS_PATH = `${ADMIN_HOME}/accounts`;
export const AUDIT_PATH = `${ADMIN_HOME}/audit`;
