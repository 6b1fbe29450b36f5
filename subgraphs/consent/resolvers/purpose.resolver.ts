import { Query, Resolver } from 'type-graphql';
import { Purpose } from '../../shared/purposes.js';
import type { NoticeService } from '../services/notice.service.js';
import { PurposeInfo } from '../types/consent.types.js';

@Resolver(() => PurposeInfo)
export class PurposeResolver {
  constructor(private readonly notices: NoticeService) {}

  @Query(() => [PurposeInfo], { description: 'Every purpose with its current notice. Public.' })
  async purposes(): Promise<PurposeInfo[]> {
    const current = await this.notices.currentNotices();
    return [...current.values()].map((notice) => ({
      id: notice.purpose,
      alwaysOn: notice.purpose === Purpose.ESSENTIAL,
      notice,
      versions: notice.history,
    }));
  }
}
