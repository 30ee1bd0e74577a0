import { Type } from 'typebox';
import { Form, OptStr, RegionCode, Str } from '../../http/types.js';
import { ROLES } from './rules.js';

export const LoginBody = Form({ loginId: Str(40, 1), password: Str(200, 1), next: OptStr(300) });
export const PasswordBody = Form({ current: Str(200, 1), next: Str(200, 1), confirm: Str(200, 1) });
export const RegisterBody = Form({
  nik: Str(20, 1),
  kk: Str(20, 1),
  birthDate: Str(10, 1),
  password: Str(200, 1),
  confirm: Str(200, 1),
});
export const CreateUserBody = Form({
  username: Type.String({ pattern: '^[A-Za-z0-9._-]{3,40}$', maxLength: 40 }),
  fullName: Str(120, 1),
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  regionCode: RegionCode,
  email: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 120 })])),
  phone: Type.Optional(Type.String({ pattern: '^(\\+?[0-9 -]{8,20})?$', maxLength: 20 })),
});
export const UserOut = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  full_name: Type.String(),
  role: Type.String(),
  region_code: Type.String(),
  active: Type.Boolean(),
});
/** `q` is declared only to be refused with advice: a search text goes by POST (UsersSearch), never in a URL. */
export const UsersQuery = Type.Object({
  q: OptStr(60),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
});
export const UsersSearch = Type.Object({
  q: OptStr(60),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
export const UsersSearchForm = Form({ q: OptStr(60) });
