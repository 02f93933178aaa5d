import { Matches } from 'class-validator';

export class KeyIdParamDto {
  /** The key's public id. @example "k3dax2q7m4pa" */
  @Matches(/^[a-z2-7]{12}$/, { message: 'id must be a 12-character key id' })
  id: string;
}
