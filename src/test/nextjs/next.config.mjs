/** @type {import('next').NextConfig} */
export default { reactStrictMode: true, eslint: { ignoreDuringBuilds: true } };
