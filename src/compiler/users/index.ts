export { compileUserList, dimensionColumn, type CompiledUserList } from './compile-users';
export { userListPage, type UserPage, type UserRecord } from './page';
export {
  DEFAULT_USER_ORDER,
  USER_LIST_LIMITS,
  USER_ORDER_FIELDS,
  USER_STATUSES,
  type UserListQuery,
  type UserOrder,
  type UserOrderField,
  type UserStatus,
} from './query';
