// Package blobs keeps documents in Azure Blob Storage.
package blobs

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// Store uploads documents to one container.
type Store struct {
	conn      string
	container string
}

// Put uploads one document.
func (s *Store) Put(ctx context.Context, name string, body []byte) error {
	client, err := azblob.NewClientFromConnectionString(s.conn, nil)
	if err != nil {
		return err
	}
	_, err = client.UploadBuffer(ctx, s.container, name, body, nil)
	return err
}
