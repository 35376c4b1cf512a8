import { getOctokit } from '@actions/github';
import { BLOCK_START } from '../core/action/block.js';
import type { PullRequest } from '../core/action/event.js';

/** The REST calls the action makes, on one pull request. `GITHUB_API_URL` names the server. */
export interface PullRequestApi {
  body(): Promise<string | null>;
  setBody(body: string): Promise<void>;
  /** The id and body of the first comment holding a review block, if any. */
  findComment(): Promise<{ id: number; body: string } | undefined>;
  createComment(body: string): Promise<void>;
  updateComment(id: number, body: string): Promise<void>;
}

export function pullRequestApi(token: string, pr: PullRequest): PullRequestApi {
  const octokit = getOctokit(token);
  const where = { owner: pr.owner, repo: pr.repo };
  return {
    async body() {
      const { data } = await octokit.rest.pulls.get({ ...where, pull_number: pr.number });
      return data.body;
    },
    async setBody(body) {
      await octokit.rest.pulls.update({ ...where, pull_number: pr.number, body });
    },
    async findComment() {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: pr.number, per_page: 100 });
      const found = comments.find((c) => (c.body ?? '').includes(BLOCK_START));
      return found ? { id: found.id, body: found.body ?? '' } : undefined;
    },
    async createComment(body) {
      await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body });
    },
    async updateComment(id, body) {
      await octokit.rest.issues.updateComment({ ...where, comment_id: id, body });
    },
  };
}
