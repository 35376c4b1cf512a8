import { getOctokit } from '@actions/github';
import { ourComment } from '../core/action/comment.js';
import type { PullRequest } from '../core/action/event.js';

/** The user GitHub Actions' own token (`github.token`) writes as. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** The REST calls the action makes, on one pull request. `GITHUB_API_URL` names the server. */
export interface PullRequestApi {
  /** The description as it is now, and the commit the pull request's head is at now. */
  current(): Promise<{ body: string | null; headSha: string | undefined }>;
  setBody(body: string): Promise<void>;
  /** The id and body of the first comment the token's user wrote holding a review block, if any. */
  findComment(): Promise<{ id: number; body: string } | undefined>;
  createComment(body: string): Promise<void>;
  updateComment(id: number, body: string): Promise<void>;
}

export function pullRequestApi(token: string, pr: PullRequest): PullRequestApi {
  const octokit = getOctokit(token);
  const where = { owner: pr.owner, repo: pr.repo };
  /**
   * The login the token writes as. GraphQL's viewer answers for every kind of token
   * (`github-actions[bot]` for github.token, `<app>[bot]` for an app's, the person for
   * a personal one), where REST's GET /user refuses the first two with 403. Unknown,
   * it is taken for github.token's bot: a person's comment is then never ours.
   */
  async function self(): Promise<string> {
    try {
      const data = await octokit.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
      return data.viewer?.login || ACTIONS_BOT;
    } catch {
      return ACTIONS_BOT;
    }
  }
  return {
    async current() {
      const { data } = await octokit.rest.pulls.get({ ...where, pull_number: pr.number });
      return { body: data.body, headSha: data.head?.sha };
    },
    async setBody(body) {
      await octokit.rest.pulls.update({ ...where, pull_number: pr.number, body });
    },
    async findComment() {
      const [login, comments] = await Promise.all([
        self(),
        octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: pr.number, per_page: 100 }),
      ]);
      return ourComment(comments, login);
    },
    async createComment(body) {
      await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body });
    },
    async updateComment(id, body) {
      await octokit.rest.issues.updateComment({ ...where, comment_id: id, body });
    },
  };
}
